"""The app reports to no one: ONNX Runtime, which runs the embedder, keeps no telemetry state once rightstrack is
loaded (its device id and event cache would be written under ~/.cache/Microsoft)."""

import os
import subprocess
import sys

import pytest

SESSION = """
import numpy as np, onnxruntime
from onnx import TensorProto, helper
graph = helper.make_graph([helper.make_node("Identity", ["x"], ["y"])], "g",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
print(onnxruntime.InferenceSession(model.SerializeToString()).run(None, {"x": np.ones(1, "float32")})[0][0])
"""


def _run_in_home(home, script: str) -> list[str]:
    """Run `script` in a process whose home is `home`; the files it left there."""
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"ORT_DISABLE_TELEMETRY", "XDG_CACHE_HOME"}}
    done = subprocess.run([sys.executable, "-c", script], env=env | {"HOME": str(home)}, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "1.0", done.stderr[-2000:]
    return sorted(str(path.relative_to(home)) for path in home.rglob("*") if path.is_file())


def test_onnx_runtime_keeps_no_telemetry_state_once_rightstrack_is_loaded(tmp_path):
    without_the_app = _run_in_home(tmp_path / "plain", SESSION)
    if not without_the_app:
        pytest.skip("this ONNX Runtime keeps no telemetry state of its own")
    assert any("deviceid" in path for path in without_the_app), without_the_app
    assert _run_in_home(tmp_path / "app", "import rightstrack.tagging" + SESSION) == []
