"""The package as a user installs it: a wheel carries its schema, models and rules."""

import subprocess
import sys
import zipfile

from .conftest import ROOT, SEED


def test_an_installed_wheel_annotates_and_validates_tei(tmp_path, compact):
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path / "dist")], check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("rhetoric-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "rhetoric/tei/rhetoric-tei.rng" in names and "rhetoric/models/manifest.json" in names
    assert not any(n.startswith(("tools/", "tests/")) for n in names)
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    # run from elsewhere, with the wheel's copy first on the path (its dependencies come from this environment)
    script = ("import sys, rhetoric, rhetoric.cli; assert rhetoric.__file__.startswith(sys.argv[1]), rhetoric.__file__;"
              "args = sys.argv[2:]; out = args[-1];"
              "a = rhetoric.cli.main(['annotate', args[0], '--format', 'tei', '-o', out]);"
              "import pathlib; v = rhetoric.cli.main(['validate', *map(str, pathlib.Path(out).glob('*.xml'))]);"
              "sys.exit(10 * a + v)")
    result = subprocess.run([sys.executable, "-c", script, str(site), str(SEED), str(tmp_path / "out")],
                            cwd=tmp_path, env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin",
                                               "RHETORIC_CACHE_DIR": str(tmp_path / "cache")},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("nazarbayev-2011-smart-power-of-the-sco.xml: valid")
