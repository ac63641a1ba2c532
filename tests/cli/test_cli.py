"""The command line, run in-process through cleaner.cli.main."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys

import pytest
from helpers import ARTICLE, html_page, text_doc

import cleaner
from cleaner.cli import main as cli
from cleaner.cli.samples import sample_files
from cleaner.run.sinks import safe_join

COMMENT_FORM = (
    "<h3>Leave a Reply</h3><p>Your email address will not be published. Required fields are marked *</p>"
)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


@pytest.fixture
def tree(tmp_path):
    """in/a.html, in/sub/b.htm, in/sub/deeper/c.txt, in/d.html.gz and files that are not inputs."""
    root = tmp_path / "in"
    write(root / "a.html", html_page(after=COMMENT_FORM))
    write(root / "sub" / "b.htm", html_page(after="<p>(With inputs from agencies)</p>"))
    write(root / "sub" / "deeper" / "c.txt", text_doc(before="Home | World | Sport | Business"))
    write(root / "d.html.gz", gzip.compress(html_page().encode("utf-8")))
    write(root / "notes.md", "# not an input")
    write(root / "image.png", PNG)
    return root


def files_under(folder):
    return sorted(
        os.path.relpath(os.path.join(dirpath, name), folder).replace(os.sep, "/")
        for dirpath, _, names in os.walk(folder)
        for name in names
    )


def test_folder_with_output_dir_mirrors_the_tree(tree, tmp_path, capsys):
    out = tmp_path / "out"
    assert cli.main(["clean", str(tree), "-o", str(out)]) == 0
    assert files_under(out) == ["a.txt", "d.txt", "sub/b.txt", "sub/deeper/c.txt"]
    a = (out / "a.txt").read_text(encoding="utf-8")
    assert ARTICLE[0] in a
    assert "Leave a Reply" not in a
    assert "(With inputs from agencies)" not in (out / "sub" / "b.txt").read_text(encoding="utf-8")
    c = (out / "sub" / "deeper" / "c.txt").read_text(encoding="utf-8")
    assert ARTICLE[2] in c
    assert "Home | World" not in c
    assert ARTICLE[1] in (out / "d.txt").read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert "4 cleaned, 0 failed" in err


def test_text_output_starts_with_the_title(tree, capsys):
    assert cli.main(["clean", str(tree / "a.html")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Council approves plan to replant the city's streets\n\n")
    assert ARTICLE[0] in out


def test_json_format_parses(tree, tmp_path):
    out = tmp_path / "out"
    assert cli.main(["clean", str(tree), "-o", str(out), "--format", "json"]) == 0
    assert files_under(out) == ["a.json", "d.json", "sub/b.json", "sub/deeper/c.json"]
    data = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert set(data) == {"id", "url", "text", "title", "kind", "metadata", "removed", "notes", "error", "error_detail"}
    assert data["id"] == "a.html" and data["error"] is None
    assert data["kind"] == "html"
    assert data["title"] == "Council approves plan to replant the city's streets"
    assert ARTICLE[0] in data["text"]
    assert all(set(r) == {"text", "rule", "reason"} for r in data["removed"])
    assert any(
        r["text"] == "Leave a Reply" and r["rule"].startswith("comment_form.") for r in data["removed"]
    )
    c = json.loads((out / "sub" / "deeper" / "c.json").read_text(encoding="utf-8"))
    assert c["kind"] == "text"
    assert c["title"] is None


def test_json_to_stdout(tree, capsys):
    assert cli.main(["clean", "--format", "json", str(tree / "sub" / "b.htm")]) == 0
    data = json.loads(capsys.readouterr().out)
    assert any(r["rule"] == "watermark.agency_credit" for r in data["removed"])


def test_several_inputs_to_stdout_as_json_lines(tree, capsys):
    assert cli.main(["clean", "--format", "json", str(tree / "a.html"), str(tree / "sub")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert all(json.loads(line)["text"] for line in lines)


def test_bad_file_fails_but_the_good_ones_are_written(tree, tmp_path, capsys):
    write(tree / "broken.html", PNG)
    out = tmp_path / "out"
    code = cli.main(["clean", str(tree), "-o", str(out)])
    assert code != 0
    assert "a.txt" in files_under(out)
    assert "sub/deeper/c.txt" in files_under(out)
    assert "broken.txt" not in files_under(out)
    err = capsys.readouterr().err
    assert "broken.html" in err
    assert "PNG" in err
    assert "4 cleaned, 1 failed" in err


def test_truncated_gzip_fails(tree, tmp_path, capsys):
    write(tree / "cut.html.gz", gzip.compress((ARTICLE[0] * 50).encode())[:30])
    assert cli.main(["clean", str(tree), "-o", str(tmp_path / "out")]) == 1
    assert "cut.html.gz" in capsys.readouterr().err


def test_unreadable_file_is_reported_and_the_rest_goes_on(tree, tmp_path, capsys):
    os.symlink(tmp_path / "no-such-target.html", tree / "dangling.html")
    out = tmp_path / "out"
    assert cli.main(["clean", str(tree), "-o", str(out)]) == 1
    assert "a.txt" in files_under(out)
    err = capsys.readouterr().err
    assert "dangling.html" in err
    assert "cannot read" in err


def test_missing_path_fails(tmp_path, capsys):
    good = write(tmp_path / "good.txt", text_doc())
    code = cli.main(["clean", str(good), str(tmp_path / "missing.html")])
    captured = capsys.readouterr()
    assert code == 1
    assert ARTICLE[0] in captured.out
    assert "missing.html" in captured.err
    assert "1 cleaned, 1 failed" in captured.err


def test_stdin(monkeypatch, capsys):
    doc = text_doc(after="Source link")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(doc.encode("utf-8")), encoding="utf-8"))
    assert cli.main(["clean", "-"]) == 0
    out = capsys.readouterr().out
    assert ARTICLE[0] in out
    assert "Source link" not in out


def test_stdin_with_output_dir(monkeypatch, tmp_path):
    page = html_page(after=COMMENT_FORM).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page), encoding="utf-8"))
    out = tmp_path / "out"
    assert cli.main(["clean", "-", "-o", str(out), "--format", "json"]) == 0
    data = json.loads((out / "stdin.json").read_text(encoding="utf-8"))
    assert data["kind"] == "html"


def test_explain_goes_to_stderr(tree, capsys):
    assert cli.main(["clean", "--explain", str(tree / "a.html")]) == 0
    captured = capsys.readouterr()
    assert "Leave a Reply" not in captured.out
    assert "[comment_form." in captured.err
    assert "Leave a Reply" in captured.err
    assert "removed" in captured.err


def test_explain_file_beside_each_output(tree, tmp_path):
    out = tmp_path / "out"
    assert cli.main(["clean", "--explain", str(tree), "-o", str(out)]) == 0
    assert "a.explain.txt" in files_under(out)
    assert "sub/deeper/c.explain.txt" in files_under(out)
    explain = (out / "sub" / "deeper" / "c.explain.txt").read_text(encoding="utf-8")
    assert "[navigation.menu]" in explain
    assert "Home | World | Sport | Business" in explain


def test_extension_decides_the_kind(tmp_path, capsys):
    # Markup in a .txt stays text; plain text in a .html is read as a page.
    write(tmp_path / "markup.txt", "<p>" + ARTICLE[0] + "</p><div>" + ARTICLE[1] + "</div>")
    write(tmp_path / "plain.html", ARTICLE[0])
    out = tmp_path / "out"
    assert (
        cli.main(
            [
                "clean",
                str(tmp_path / "markup.txt"),
                str(tmp_path / "plain.html"),
                "-o",
                str(out),
                "--format",
                "json",
            ]
        )
        == 0
    )
    assert json.loads((out / "markup.json").read_text(encoding="utf-8"))["kind"] == "text"
    assert json.loads((out / "plain.json").read_text(encoding="utf-8"))["kind"] == "html"


def test_glob_pattern(tree, tmp_path):
    out = tmp_path / "out"
    assert cli.main(["clean", str(tree / "**" / "*.htm*"), "-o", str(out)]) == 0
    assert files_under(out) == ["a.txt", "d.txt", "sub/b.txt"]  # d.html.gz matches *.htm* too


def test_same_name_in_two_folders_does_not_collide(tmp_path):
    write(tmp_path / "x" / "index.html", html_page())
    write(tmp_path / "y" / "index.html", html_page(after=COMMENT_FORM))
    out = tmp_path / "out"
    assert (
        cli.main(
            ["clean", str(tmp_path / "x" / "index.html"), str(tmp_path / "y" / "index.html"), "-o", str(out)]
        )
        == 0
    )
    assert files_under(out) == ["x/index.txt", "y/index.txt"]


def test_html_and_htm_of_one_name_get_two_outputs(tmp_path):
    write(tmp_path / "in" / "page.html", html_page())
    write(tmp_path / "in" / "page.htm", html_page())
    out = tmp_path / "out"
    assert cli.main(["clean", str(tmp_path / "in"), "-o", str(out)]) == 0
    assert len(files_under(out)) == 2


def test_output_dir_inside_the_input_folder_is_not_read_back(tree):
    out = tree / "cleaned"
    assert cli.main(["clean", str(tree), "-o", str(out)]) == 0
    assert cli.main(["clean", str(tree), "-o", str(out)]) == 0
    assert "cleaned/a.txt" not in files_under(out)
    assert files_under(out) == ["a.txt", "d.txt", "sub/b.txt", "sub/deeper/c.txt"]


@pytest.mark.parametrize("name", ["../escape.txt", "a/../../escape.txt", "/etc/passwd", "", "a//b.txt"])
def test_output_names_never_leave_the_output_dir(tmp_path, name):
    with pytest.raises(OSError):
        safe_join(str(tmp_path / "out"), name)


def test_output_through_a_symlink_out_of_the_output_dir_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(tmp_path, out / "link")
    with pytest.raises(OSError):
        safe_join(str(out), "link/file.txt")


def test_inputs_given_with_dot_dot_stay_inside_the_output_dir(tree, tmp_path, monkeypatch):
    monkeypatch.chdir(tree / "sub")
    out = tmp_path / "out"
    assert cli.main(["clean", "../a.html", "deeper/c.txt", "-o", str(out)]) == 0
    assert files_under(out) == ["a.txt", "sub/deeper/c.txt"]
    assert not (tmp_path / "a.txt").exists()


def test_no_arguments_cleans_the_samples(capsys):
    assert cli.main([]) == 0
    out = capsys.readouterr().out
    names = [name for name, _ in sample_files()]
    assert len(names) == 3
    for name in names:
        assert f"===== {name}" in out
    assert out.count("----- removed ") == 3
    # The samples' boilerplate is gone from their texts (the removals listed after each text
    # show some of it), their articles are there.
    texts = "".join(section.split("\n----- removed ")[0] for section in out.split("===== ")[1:])
    assert "Leave a Reply" not in texts
    assert "We use cookies" not in texts
    assert "Source link" not in texts
    assert "Whole rye flour carries more of the wild yeasts" in texts
    assert "The city council voted 9-2 on Tuesday" in texts
    assert "Astronomers using a radio telescope array" in texts


def test_no_arguments_shows_removed_segments_with_their_rules(capsys):
    # Fixed: `cleaner` said it would show what was removed, and showed only counts by rule.
    assert cli.main([]) == 0
    out = capsys.readouterr().out
    for name, data in sample_files():
        section = out.split(f"===== {name}")[1].split("\n===== ")[0]
        shown = [line for line in section.splitlines() if line.startswith("  [")]
        removed = cleaner.clean(data, kind="text" if name.endswith(".txt") else "html").removed
        assert len(removed) > len(shown) >= 3
        for line in shown:  # "  [rule] reason: "the segment's start…""
            rule, rest = line[3:].split("] ", 1)
            reason, text = rest.rsplit(': "', 1)
            start = text.rstrip('"').rstrip("…").split(" / ")[0]
            assert any(r.rule == rule and r.reason == reason and start in r.text for r in removed), line
        assert len({line.split("]")[0].split(".")[0] for line in shown}) == len(shown)  # different kinds
        assert f"... and {len(removed) - len(shown)} more" in section


def test_samples_are_small_and_of_both_kinds():
    samples = sample_files()
    assert sorted(name.rsplit(".", 1)[1] for name, _ in samples) == ["html", "html", "txt"]
    assert all(len(data) < 20_000 for _, data in samples)


def test_other_subcommands_are_still_there():
    parser = cli.build_parser()
    for command in ("clean", "bench"):
        with pytest.raises(SystemExit) as caught:
            parser.parse_args([command, "--help"])
        assert caught.value.code == 0


def test_console_entry_point_runs(tmp_path):
    page = write(tmp_path / "p.html", html_page(after=COMMENT_FORM))
    done = subprocess.run(
        [sys.executable, "-m", "cleaner.cli.main", "clean", str(page)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert ARTICLE[0] in done.stdout


def run_cli(*args: str, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """The real command, as `python -m cleaner ARGS`."""
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args], input=stdin, capture_output=True, text=True, timeout=timeout, check=False
    )


def test_version_is_printed():
    done = run_cli("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"cleaner {cleaner.__version__}"


def test_python_dash_m_cleaner_cleans(tmp_path):
    page = write(tmp_path / "p.html", html_page(after=COMMENT_FORM))
    done = run_cli("clean", str(page))
    assert done.returncode == 0, done.stderr
    assert ARTICLE[0] in done.stdout and "Leave a Reply" not in done.stdout


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--warmup", "5"], "--warmup applies only with --stream"),
        (["--no-profiles", "--warmup", "5"], "--warmup applies only with --stream"),
        (["--address", "ray://head:10001"], "--address applies only with --engine ray"),
    ],
)
def test_an_option_without_the_one_it_needs_is_refused(tmp_path, flags, message):
    # Fixed: --warmup without --stream and --address without --engine ray were taken and ignored.
    page = write(tmp_path / "p.html", html_page())
    done = run_cli("clean", str(page), *flags)
    assert done.returncode == 2
    assert message in done.stderr and "usage: cleaner clean" in done.stderr
    assert done.stdout == ""


def jsonl_lines(path) -> list[dict]:
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@pytest.mark.parametrize("name", ["fresh.jsonl", "fresh.jsonl.gz", "FRESH.JSONL"])
def test_an_output_name_ending_in_jsonl_is_one_jsonl_file(tree, tmp_path, name):
    # Fixed: -o fresh.jsonl made a folder named fresh.jsonl full of .txt files.
    out = tmp_path / name
    done = run_cli("clean", str(tree / "a.html"), str(tree / "sub"), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.is_file()
    records = jsonl_lines(out)
    assert [r["id"] for r in records] == ["a.html", "sub/b.htm", "sub/deeper/c.txt"]
    assert ARTICLE[0] in records[0]["text"] and "Leave a Reply" not in records[0]["text"]
    assert "3 cleaned, 0 failed" in done.stderr


def test_an_existing_jsonl_file_is_written_over_and_each_input_counted_once(tree, tmp_path):
    # Fixed: with a file of that name there every record failed ("File exists") and the
    # summary said "2 cleaned, 2 failed" for two inputs.
    out = write(tmp_path / "fresh.jsonl", '{"id": "old"}\n')
    done = run_cli("clean", str(tree / "a.html"), str(tree / "sub" / "b.htm"), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert [r["id"] for r in jsonl_lines(out)] == ["a.html", "sub/b.htm"]
    assert "2 cleaned, 0 failed" in done.stderr and "File exists" not in done.stderr


def test_a_missing_output_folder_is_made(tmp_path):
    # Fixed: `cleaner clean crawl.jsonl -o newdir/` said "cannot write output: Is a directory".
    rows = [{"id": f"doc-{k}", "html": html_page()} for k in range(2)]
    source = write(tmp_path / "crawl.jsonl", "".join(json.dumps(row) + "\n" for row in rows))
    out = tmp_path / "new" / "dir"
    done = run_cli("clean", str(source), "-o", f"{out}/")
    assert done.returncode == 0, done.stderr
    assert files_under(out) == ["doc-0.txt", "doc-1.txt"]  # a folder holds a text file per document
    assert ARTICLE[0] in (out / "doc-0.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("output", "flags", "message"),
    [
        ("x.jsonl", ["--format", "text"], "a name ending in .jsonl is one JSONL file, but --format text"),
        ("dir/", ["--format", "jsonl"], "--format jsonl writes one JSONL file, and this is a folder"),
        ("taken.txt", [], "a file of that name is there"),
        ("folder.jsonl", [], "a folder of that name is there"),
    ],
)
def test_an_output_that_contradicts_the_format_or_what_is_there_is_refused(tmp_path, output, flags, message):
    page = write(tmp_path / "p.html", html_page())
    write(tmp_path / "taken.txt", "keep me")
    (tmp_path / "folder.jsonl").mkdir()
    done = run_cli("clean", str(page), "-o", f"{tmp_path}/{output}", *flags)
    assert done.returncode == 2
    assert message in done.stderr
    assert (tmp_path / "taken.txt").read_text() == "keep me"
    assert not (tmp_path / "x.jsonl").exists() and not (tmp_path / "dir").exists()


def test_a_record_that_cannot_be_written_counts_once_as_failed(tree, tmp_path, capsys):
    out = tmp_path / "out"
    (out / "a.txt").mkdir(parents=True)  # where a.html's text would go
    assert cli.main(["clean", str(tree), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "a.html: cannot write output" in err
    assert "3 cleaned, 1 failed" in err  # four inputs, each counted once
    assert cli.main(["clean", str(tree), "-o", str(out), "--progress"]) == 1
    err = capsys.readouterr().err
    assert "documents: 4 in" in err and "cleaned: 3" in err and "errors: 1 (not_written 1)" in err
