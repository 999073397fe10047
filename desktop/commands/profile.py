"""``hotroso profile``: set (or show) the volunteer profile without the GUI."""

from __future__ import annotations

import argparse
from typing import Any

from desktop.app import LaptopApp
from desktop.commands.common import OK, open_app, say


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "profile",
        parents=[common],
        help="set the volunteer profile (records need one); without options, show it",
    )
    parser.add_argument("--name", help="the volunteer's full name")
    parser.add_argument("--neighbourhood", metavar="CODE", help="neighbourhood code, e.g. HT01")
    parser.add_argument("--language", choices=("vi", "en"), help="language of the app")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with open_app(args) as app:
        current = app.profile.current
        if args.name is None and args.neighbourhood is None and args.language is None:
            if current is None:
                say(args, "Chưa có hồ sơ.", "No profile yet.")
            else:
                hood = _neighbourhood(app, current.neighbourhood_code)
                say(
                    args,
                    f"Tình nguyện viên: {current.volunteer_name}\nKhu phố: {hood}\n"
                    f"Mã thiết bị: {current.device_id}",
                    f"Volunteer: {current.volunteer_name}\nNeighbourhood: {hood}\n"
                    f"Device ID: {current.device_id}",
                )
            return OK
        name = args.name or (current.volunteer_name if current else "")
        hood = args.neighbourhood or (current.neighbourhood_code if current else "")
        profile = app.profile.save(
            volunteer_name=name, neighbourhood_code=hood, language=args.language
        ).value
        saved_hood = _neighbourhood(app, profile.neighbourhood_code)
        say(
            args,
            f"Đã lưu hồ sơ: {profile.volunteer_name}, khu phố {saved_hood}.",
            f"Profile saved: {profile.volunteer_name}, neighbourhood {saved_hood}.",
        )
        return OK


def _neighbourhood(app: LaptopApp, code: str) -> str:
    """ "Khu 3 (HT03)": the name people know, with the code the files use."""
    known = app.reference.neighbourhood(code)
    return f"{known.name} ({code})" if known else code
