"""Build hook: the wheel and the sdist carry the dashboard's JavaScript libraries.

Everything else about the package is in pyproject.toml. Before the package files are collected,
`build_py` (wheel) and `sdist` vendor the chart and map libraries pinned by
src/dyads/web/assets/package-lock.json into src/dyads/web/static/vendor/ (`npm ci`, then a copy:
see src/dyads/web/assets/vendor.py). When vendor/ already matches the lock file nothing runs, so a
wheel built from the sdist (which carries vendor/) needs no npm. Without npm, or when npm fails, the
build stops with a one-line error: a wheel without its charts and map is never made.
An editable install (`pip install -e .`) skips the hook: quickstart.sh runs build.sh, which warns.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist
from setuptools.errors import SetupError

ASSETS = Path(__file__).resolve().parent / "src" / "dyads" / "web" / "assets"


def vendor_assets() -> None:
    spec = importlib.util.spec_from_file_location("dyads_vendor_assets", ASSETS / "vendor.py")
    vendor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vendor)          # stdlib only: dyads itself is not imported at build time
    try:
        vendor.vendor_assets(ASSETS, log=print)
    except vendor.VendorError as e:
        raise SetupError(f"dyads: cannot build the package without the dashboard's JavaScript "
                         f"libraries: {e}") from None


class BuildPy(build_py):
    def run(self) -> None:
        if not getattr(self, "editable_mode", False):
            vendor_assets()
            self.__dict__.pop("data_files", None)   # collect package data again, now with vendor/
        super().run()


class SDist(sdist):
    def run(self) -> None:
        vendor_assets()                             # before egg_info lists the files
        super().run()


setup(cmdclass={"build_py": BuildPy, "sdist": SDist})
