"""The `rightstrack` console script: a thin wrapper around Django's management commands.

`rightstrack demo|serve|import|export|...` runs the management command of that name;
`rightstrack manage ARGS` runs any management command. `--data-dir DIR` is read here,
before settings load, because the data dir decides where the SQLite database lives.
"""

import os
import sys

# Commands that create or replace the database themselves: their database errors are shown as they are.
_SETS_UP_DATABASE = {"migrate", "demo", "restore"}


def _take_data_dir(argv: list[str]) -> list[str]:
    """Remove `--data-dir DIR` / `--data-dir=DIR` from argv and export it as RIGHTSTRACK_DATA_DIR."""
    rest, i = [], 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--data-dir" and i + 1 < len(argv):
            os.environ["RIGHTSTRACK_DATA_DIR"] = os.path.abspath(argv[i + 1])
            i += 2
            continue
        if arg.startswith("--data-dir="):
            os.environ["RIGHTSTRACK_DATA_DIR"] = os.path.abspath(arg.split("=", 1)[1])
        else:
            rest.append(arg)
        i += 1
    return rest


# Commands that need no database and no other app run without loading the apps (that took about a second of every
# run): tagging, training and evaluating on files (`tag train --from-accepted` loads them itself), and reading a
# report PDF (`extract`).
_WITHOUT_APPS = {
    "tag": "rightstrack.tagreview.management.commands.tag",
    "extract": "rightstrack.imports.management.commands.extract",
}


def _run_without_apps(argv: list[str]) -> None:
    """Run the command of `_WITHOUT_APPS` named by argv[0] with the settings configured but the apps not loaded.

    Django's translations need the app registry, so these commands run untranslated: they speak English, the
    command line's LANGUAGE_CODE, as before.
    """
    from importlib import import_module

    from django.conf import settings

    settings.USE_I18N = False

    import_module(_WITHOUT_APPS[argv[0]]).Command().run_from_argv(["rightstrack", *argv])


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    argv = _take_data_dir(list(sys.argv[1:] if argv is None else argv))
    if argv[:1] == ["manage"]:
        argv = argv[1:]
    if not argv:
        argv = ["help"]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from django.core.management import execute_from_command_line
    from django.db.utils import DatabaseError

    try:
        if argv[0] in _WITHOUT_APPS:
            _run_without_apps(argv)
        else:
            execute_from_command_line(["rightstrack", *argv])
    except DatabaseError:
        from rightstrack.core.database import not_set_up_reason

        reason = None if argv[0] in _SETS_UP_DATABASE else not_set_up_reason()
        if reason is None:  # the database is fine: a real failure, shown in full
            raise
        print(f"error: {reason}: run `rightstrack manage migrate` (or `rightstrack demo` for the demo data)",
              file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
