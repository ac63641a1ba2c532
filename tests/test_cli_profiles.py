"""Site profiles from the command line: batches by default, --stream, --profiles FILE, and
`cleaner profiles learn / merge / show`, on a site case of golden/sites."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys

import pytest
from helpers import html_page

from cleaner import Cleaner, cli
from cleaner.golden import REPO_GOLDEN

SITE_CASE = REPO_GOLDEN / "sites" / "courier-text"
SITE = (SITE_CASE / "site.txt").read_text().strip()
# The sponsor line of the Courier's template: prose that no phrase rule knows.
SPONSOR = "This reporting is supported by the Valley Community Trust"


@pytest.fixture
def pages(tmp_path):
    folder = tmp_path / "pages"
    shutil.copytree(SITE_CASE / "pages", folder)
    return folder


def _outputs(folder):
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def test_a_folder_is_cleaned_as_a_batch_and_the_template_goes(pages, tmp_path):
    assert cli.main(["clean", str(pages), "--site", SITE, "-o", str(tmp_path / "out")]) == 0
    outputs = _outputs(tmp_path / "out")
    assert len(outputs) == 22
    assert not any(SPONSOR in text for text in outputs.values())
    expected = (SITE_CASE / "expected" / "01-mill-street-bridge-closure-extended.txt").read_text()
    assert outputs["01-mill-street-bridge-closure-extended.txt"] == expected


def test_no_profiles_cleans_each_page_alone(pages, tmp_path):
    assert cli.main(["clean", str(pages), "--site", SITE, "--no-profiles", "-o", str(tmp_path / "out")]) == 0
    assert all(SPONSOR in text for text in _outputs(tmp_path / "out").values())


def test_the_order_of_the_inputs_changes_nothing(pages, tmp_path):
    files = sorted(str(p) for p in pages.glob("*.txt"))
    cli.main(["clean", *files, "--site", SITE, "-o", str(tmp_path / "a")])
    cli.main(["clean", *reversed(files), "--site", SITE, "-o", str(tmp_path / "b")])
    assert _outputs(tmp_path / "a") == _outputs(tmp_path / "b")


def test_a_stream_learns_as_it_goes(pages, tmp_path):
    assert cli.main(["clean", str(pages), "--site", SITE, "--stream", "--warmup", "10", "-o", str(tmp_path / "out")]) == 0
    outputs = _outputs(tmp_path / "out")
    assert len(outputs) == 22
    assert not any(SPONSOR in text for text in outputs.values())


def test_profiles_saved_by_one_run_clean_a_single_page_of_the_next(pages, tmp_path):
    profiles = tmp_path / "profiles.json.gz"
    first = sorted(pages.glob("*.txt"))[:-1]
    assert cli.main(["clean", *map(str, first), "--site", SITE, "-o", str(tmp_path / "a"), "--profiles", str(profiles)]) == 0
    assert profiles.is_file()
    last = max(pages.glob("*.txt"))
    assert cli.main(["clean", str(last), "--site", SITE, "-o", str(tmp_path / "b"), "--profiles", str(profiles)]) == 0
    (output,) = _outputs(tmp_path / "b").values()
    assert SPONSOR not in output


def test_a_bad_profiles_file_stops_the_run_with_a_message(pages, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("not profiles")
    assert cli.main(["clean", str(pages), "--profiles", str(bad), "-o", str(tmp_path / "out")]) == 2
    assert "not a profiles file" in capsys.readouterr().err


def test_an_unreadable_input_is_reported_and_the_batch_goes_on(pages, tmp_path, capsys, monkeypatch):
    from cleaner import cli_clean

    files = sorted(str(p) for p in pages.glob("*.txt"))
    read = cli_clean.read_input

    def failing_read(item, stdin):
        if item.path == files[3]:
            raise PermissionError(13, "Permission denied")
        return read(item, stdin)

    monkeypatch.setattr(cli_clean, "read_input", failing_read)
    for mode in ([], ["--stream", "--warmup", "5"]):
        out = tmp_path / f"out{len(mode)}"
        assert cli.main(["clean", *files, "--site", SITE, "-o", str(out), *mode]) == 1
        assert len(_outputs(out)) == 21
        err = capsys.readouterr().err
        assert "Permission denied" in err and "21 cleaned, 1 failed" in err
        assert not any(SPONSOR in text for text in _outputs(out).values())


def test_profiles_learn_merge_and_show(pages, tmp_path, capsys):
    files = sorted(str(p) for p in pages.glob("*.txt"))
    a, b, merged = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "m.json"
    assert cli.main(["profiles", "learn", *files[:11], "--site", SITE, "-o", str(a)]) == 0
    assert cli.main(["profiles", "learn", *files[11:], "--site", SITE, "-o", str(b)]) == 0
    assert cli.main(["profiles", "merge", str(a), str(b), "-o", str(merged)]) == 0
    capsys.readouterr()
    assert cli.main(["profiles", "show", str(merged)]) == 0
    assert f"22  {SITE}" in capsys.readouterr().out
    assert cli.main(["clean", files[0], "--site", SITE, "--profiles", str(merged), "-o", str(tmp_path / "out")]) == 0
    (output,) = _outputs(tmp_path / "out").values()
    assert SPONSOR not in output


def test_profiles_learn_without_a_site_says_so(pages, tmp_path, capsys):
    assert cli.main(["profiles", "learn", str(pages), "-o", str(tmp_path / "p.json")]) == 0
    assert "no site" in capsys.readouterr().err


def test_profiles_show_into_a_closed_pipe_ends_quietly(tmp_path):
    # Fixed: `cleaner profiles show FILE | head` ended with "cleaner profiles: [Errno 32] Broken
    # pipe" and exit status 2.
    learner = Cleaner()
    for k in range(3000):  # a line per site: more than a pipe holds
        learner.learn(html_page(), url=f"https://site{k}.example.com/a")
    path = tmp_path / "many.json.gz"
    learner.profiles.save(str(path))
    command = f"{shlex.quote(sys.executable)} -m cleaner profiles show {shlex.quote(str(path))}"
    pipeline = f'{command} | head -n 1 > /dev/null; exit "${{PIPESTATUS[0]}}"'
    done = subprocess.run(["bash", "-c", pipeline], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode in (0, 141)
    assert done.stderr == ""
