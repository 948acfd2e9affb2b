"""The command line speaks Indonesian too: argparse's own words (usage, headings, the help
option, its error messages) for every command and subcommand."""

from __future__ import annotations

import re

import pytest

from desktop_app.app.cli import main

ENGLISH = ("usage:", "positional arguments", "options:", "show this help", "error:",
           "the following arguments are required", "invalid choice", "unrecognized arguments",
           "show program's version")


def _help(capsys, argv: list[str]) -> str:
    with pytest.raises(SystemExit):
        main([*argv, "--help"])
    return capsys.readouterr().out


def _commands(text: str) -> list[str]:
    """The subcommands a help text lists (the lines under PERINTAH)."""
    block = text.split("PERINTAH\n", 1)[1] if "PERINTAH\n" in text else ""
    return re.findall(r"^    (\w[\w-]*)", block, flags=re.MULTILINE)


def test_every_help_text_is_indonesian(capsys):
    seen, todo = 0, [[]]
    while todo:
        argv = todo.pop()
        text = _help(capsys, argv)
        assert "penggunaan: ruko-parsel" in text, argv
        for word in ENGLISH:
            assert word not in text, (argv, word)
        todo += [[*argv, name] for name in _commands(text)]
        seen += 1
    assert seen > 15  # every command and subcommand was read


@pytest.mark.parametrize(("argv", "expected"), [
    (["import"], "kesalahan: argumen berikut wajib diberikan: BERKAS"),
    (["import", "x.xlsx", "--kind", "foo"], "pilihan tidak sah: 'foo'"),
    (["--tidak-ada"], "argumen tidak dikenal: --tidak-ada"),
])
def test_mistakes_are_told_in_indonesian(capsys, argv, expected):
    with pytest.raises(SystemExit):
        main(argv)
    err = capsys.readouterr().err
    assert expected in err and "error" not in err
