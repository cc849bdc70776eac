"""The README's documentation of tables and commands must match the code."""
import re

from lib import schema

from lib.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def documented_tables() -> dict[str, list[tuple[str, str, str]]]:
    section = README.split("<!-- tables:", 1)[1].split("<!-- /tables -->", 1)[0]
    tables = {}
    for block in re.split(r"^### ", section, flags=re.M)[1:]:
        name = re.match(r"`(\w+)`", block).group(1)
        rows = re.findall(r"^\| `(\w+)` \| (\w+) \| (.*) \|$", block, flags=re.M)
        tables[name] = rows
    return tables


def test_readme_documents_every_table_and_column_as_declared():
    expected = {
        name: [(c.name, c.type, c.description) for c in table.columns] for name, table in schema.TABLES.items()
    }
    assert documented_tables() == expected


def test_readme_lists_the_allowed_values():
    for values in (schema.STANCES, schema.RESULT_KINDS, schema.CRACKDOWN_KINDS):
        assert ", ".join(f"`{v}`" for v in values) in README


def test_readme_gives_the_two_setup_commands():
    assert "make run" in README and "make test" in README
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run:", makefile, flags=re.M) and re.search(r"^test:", makefile, flags=re.M)


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_readme_documents_every_command_line_option():
    from lib import build, evaluate, ingest
    from tools import benchmark

    for module in (build, evaluate, ingest, benchmark):
        for action in module.parser()._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in README, f"python -m {module.__name__} {option} is not in the README"
