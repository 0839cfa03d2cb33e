"""rightstrack: tracking the implementation of human-rights obligations."""

import os

# ONNX Runtime 1.29 and later send usage telemetry from Linux too, keeping a device id and an event cache under
# ~/.cache/Microsoft. The app runs air-gapped and reports to no one, so telemetry is off before any part of it
# loads ONNX Runtime (the embedder for semantic search and tagging).
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
