"""`rightstrack tag`: suggest labels for JSONL texts, or `train` / `evaluate` a model on labelled JSONL;
`rightstrack tag build-embedder [--embedder NAME]` builds the embedder (and the default models) up front;
`rightstrack tag build-defaults --input upr_info_sessions_1_19.csv [--output DIR]` trains the shipped `upr-issues`
and `action-category` models again from UPR Info's coding (the same file gives the same models).
`--embedder e5-static` tags with the static distillation: about 30x faster, a few points less accurate.

Bad input ends with a one-line error on stderr and exit code 2; progress goes to stderr.
"""

import json
import sys
from itertools import islice
from pathlib import Path

import django
from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from rightstrack.tagging.api import build_shipped_defaults, default_model, load_model
from rightstrack.tagging.embedders import DEFAULT_EMBEDDER, EMBEDDERS, get_embedder
from rightstrack.tagging.jsonl import InputError, iter_records, read_records
from rightstrack.tagging.ports import stderr_progress
from rightstrack.tagging.taxonomies import TAXONOMY_NAMES, UnknownTaxonomy, get_taxonomy
from rightstrack.tagging.training import evaluate, train

BATCH = 256


class Command(BaseCommand):
    """Tag texts with a taxonomy, or train / evaluate a tagger."""

    # Tagging needs no database or project checks; other apps' warnings would only clutter stderr.
    requires_system_checks = []
    help = "Suggest labels for texts (JSONL), or `train` / `evaluate` a tagger on labelled JSONL."

    def create_parser(self, prog_name, subcommand, **kwargs):
        """A parser whose usage errors are one line on stderr with exit code 2."""
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def one_line_error(message):
            print(f"error: {message}", file=sys.stderr)
            sys.exit(2)

        parser.error = one_line_error
        return parser

    def add_arguments(self, parser):
        """The CLI contract scripts depend on; see docs/tagging.md."""
        parser.add_argument("action", nargs="?", default="tag",
                            choices=["tag", "train", "evaluate", "build-embedder", "build-defaults"])
        parser.add_argument("--taxonomy", help=", ".join(TAXONOMY_NAMES))
        parser.add_argument("--input", help="JSONL: {id, text} (tag) or {id, text, labels} lines")
        parser.add_argument("--output", help="JSONL of suggestions (tag) or model directory (train)")
        parser.add_argument("--model", help="model directory (default: the shipped default model)")
        parser.add_argument("--top", type=int, default=5, help="how many best-scoring labels to list in scores")
        parser.add_argument("--from-accepted", action="store_true",
                            help="train: learn from the tags people accepted in this database instead of --input; "
                                 "the model is kept in the app and bulk tagging uses it from then on")
        parser.add_argument("--embedder", choices=sorted(EMBEDDERS),
                            help=f"embedder of the default models (default {DEFAULT_EMBEDDER}; e5-static is about "
                                 "30x faster for bulk tagging, a few points less accurate)")

    def handle(self, *args, **options):
        """Validate, then run the action."""
        if options["action"] == "build-embedder":
            return self._build_embedder(options["embedder"])
        try:
            if options["action"] == "build-defaults":
                return self._build_defaults(options)
            if options["embedder"] and options["model"]:
                raise InputError("--embedder chooses among the default models; a --model keeps its own embedder")
            if options["from_accepted"]:
                return self._train_from_accepted(options)
            for required in ("taxonomy", "input"):
                if not options[required]:
                    raise InputError(f"--{required} is required")
            get_taxonomy(options["taxonomy"])
            if options["action"] == "tag" and not options["output"]:
                raise InputError("--output is required")
            if options["top"] < 1:
                raise InputError("--top must be at least 1")
            if options["action"] == "tag":
                return self._tag(iter_records(options["input"], labelled=False), options)
            records = read_records(options["input"], labelled=True)
            getattr(self, f"_{options['action']}")(records, options)
        except (UnknownTaxonomy, InputError, ValueError, FileNotFoundError) as error:
            raise CommandError(str(error).splitlines()[0], returncode=2) from None

    def _build_embedder(self, embedder_name: str | None):
        """Build the embedder (the static model is distilled on first use) and every default model on it."""
        embedder = get_embedder(embedder_name)
        for name in TAXONOMY_NAMES:
            self.stdout.write(f"{name}: {default_model(name, embedder_name).version}")
        self.stdout.write(f"embedder {embedder.version} ready")

    def _build_defaults(self, options):
        """Train the shipped UPR Info models from the coded CSV (`--input`) into the package or `--output`."""
        if not options["input"]:
            raise InputError("--input is required: UPR Info's coded recommendations (CSV)")
        for other in ("taxonomy", "model", "embedder", "from_accepted"):
            if options[other]:
                raise InputError(f"build-defaults trains upr-issues and action-category from --input: no --{other}")
        output = Path(options["output"]) if options["output"] else None
        for name, model in build_shipped_defaults(options["input"], output).items():
            held_out = model.meta["evaluation"]
            figure = (f"accuracy {held_out['micro']['f1']:.3f}" if model.meta["single_label"]
                      else f"micro-F1 {held_out['micro']['f1']:.3f}")
            self.stdout.write(f"{name}: {model.version} ({figure} on the calibration sessions)")

    def _tag(self, records, options):
        """Write {id, labels, scores} per input line, streaming batch by batch (memory does not grow with the
        input). The output appears only when every line was tagged: a bad line leaves no partial file."""
        batch = list(islice(records, BATCH))  # a bad line among the first fails before the model loads
        model = load_model(options["taxonomy"], options["model"], options["embedder"])
        output = Path(options["output"])
        partial = output.with_name(f".{output.name}.partial")
        done = 0
        try:
            with open(partial, "w", encoding="utf-8") as out:
                while batch:
                    for record, suggestions in zip(batch, model.predict([r["text"] for r in batch])):
                        shown = [s for i, s in enumerate(suggestions) if i < options["top"] or s.above_threshold]
                        line = {"id": record.get("id"), "labels": [s.label for s in suggestions if s.above_threshold],
                                "scores": {s.label: s.score for s in shown}}
                        out.write(json.dumps(line, ensure_ascii=False) + "\n")
                    done += len(batch)
                    if done % (BATCH * 50) == 0:
                        stderr_progress(f"tagged {done}")
                    batch = list(islice(records, BATCH))
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)

    def _train(self, records, options):
        """Fit, calibrate, evaluate and store the organisation's own model."""
        model = train(options["taxonomy"], [r["text"] for r in records], [r["labels"] for r in records],
                      progress=stderr_progress)
        directory = options["output"] or f"tagging-model-{options['taxonomy']}"
        version = model.save(directory)
        self._print_scores(model.meta["evaluation"])
        self.stdout.write(f"saved {version} to {directory}")

    def _train_from_accepted(self, options):
        """Train on the accepted tags in the database, keep the model in the app and register it."""
        if options["action"] != "train":
            raise InputError("--from-accepted goes with train")
        for other in ("input", "output", "model", "embedder"):
            if options[other]:
                raise InputError(f"--from-accepted reads the database and keeps the model in the app: no --{other}")
        if not options["taxonomy"]:
            raise InputError("--taxonomy is required")
        get_taxonomy(options["taxonomy"])
        if not apps.ready:  # `rightstrack tag` starts without the apps (cli.py); this action needs the database
            django.setup()
        from rightstrack.tagreview.services import tagger_train

        trained = tagger_train(taxonomy=options["taxonomy"], progress=stderr_progress)
        self._print_scores(trained.evaluation)
        self.stdout.write(trained.protocol)
        self.stdout.write(f"saved {trained.version} (trained on {trained.trained_on} texts); bulk tagging uses it now")

    def _evaluate(self, records, options):
        """Print P/R/F1 of a model on labelled texts."""
        model = load_model(options["taxonomy"], options["model"], options["embedder"])
        self.stdout.write(f"model {model.version}")
        self._print_scores(evaluate(model, [r["text"] for r in records], [r["labels"] for r in records]))

    def _print_scores(self, report):
        """Per-label table, then micro/macro, then the summary as one JSON line."""
        for label, row in sorted(report["per_label"].items()):
            self.stdout.write(f"{label[:48]:<48} P {row['precision']:.3f}  R {row['recall']:.3f}  "
                              f"F1 {row['f1']:.3f}  n {row['support']}")
        for kind in ("micro", "macro"):
            r = report[kind]
            self.stdout.write(f"{kind:<48} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}")
        summary = {k: report[k] for k in ("n_texts", "micro", "macro", "exact_match", "per_label_accuracy")}
        self.stdout.write(json.dumps(summary))
