"""Reading one file, safely: the one place content reads bytes from disk.

A scenario folder may come from anyone (a colleague's zip, a shared drive), so a file is read
only when it is an ordinary file inside its folder: a link that leads out of the folder is
refused before anything is read (its content could be a secret, and messages quote what they
read), a FIFO or a device is refused before a read could block or never end, and no more than
the size limit is ever read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..scenario.diagnostics import Collector, excerpt
from ..scenario.limits import MAX_FILE_BYTES
from ..scenario.yamlsafe import too_big


def display(path: Path) -> str:
    """A path as a trainer would like to read it: relative to the working folder if inside."""
    text = os.fspath(path)
    if not os.path.isabs(text):
        return text
    here = os.getcwd()
    prefix = here if here.endswith(os.sep) else here + os.sep
    return text[len(prefix) :] if text.startswith(prefix) else text


def read_file(
    path: Path,
    out: Collector,
    root: Path | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    kind: str = "scenario",
) -> bytes | None:
    """The bytes of a regular file of at most ``max_bytes`` inside ``root`` (its own folder by
    default), or None after saying why not. Never blocks (a FIFO or a device is refused before
    any read), never reads a file a link leads to outside ``root``, and never reads more than
    ``max_bytes`` + 1 bytes whatever the file claims."""
    folder = root if root is not None else path.parent
    real = path
    if not _plainly_inside(path, folder):
        try:
            real = path.resolve(strict=True)
            inside = folder.resolve(strict=True)
        except FileNotFoundError:
            out.error(1, 1, "no such file" if not path.is_symlink() else "a link to nothing")
            return None
        except (OSError, RuntimeError) as exc:  # a loop of links, a permission on the way
            out.error(1, 1, f"cannot read the file: {_why(exc)}")
            return None
        if real != inside and inside not in real.parents:
            out.error(
                1,
                1,
                f"this is a link to a file outside the folder {display(folder)}; a {kind} "
                "file must be in its folder, so it is not read: copy the file in instead of "
                "linking to it",
            )
            return None
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(real, flags)
    except OSError as exc:
        out.error(1, 1, f"cannot read the file: {_why(exc)}")
        return None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            out.error(1, 1, "is a folder, not a file")
            return None
        if not stat.S_ISREG(info.st_mode):
            out.error(
                1,
                1,
                f"is {_kind_of(info.st_mode)}, not a regular file; a {kind} file must be an "
                "ordinary file, so it is not read",
            )
            return None
        if info.st_size > max_bytes:
            out.error(1, 1, too_big(info.st_size, max_bytes, kind))
            return None
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 16, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:  # it grew while being read
            out.error(1, 1, too_big(size, max_bytes, kind))
            return None
        return b"".join(chunks)
    except OSError as exc:
        out.error(1, 1, f"cannot read the file: {_why(exc)}")
        return None
    finally:
        os.close(fd)


def _plainly_inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is written as a path inside ``folder`` with no link on the way (one
    ``lstat`` a step): the common case, decided without resolving every folder above. False
    when unsure; the caller then resolves both."""
    inside, base = os.fspath(path), os.fspath(folder)
    prefix = base if base.endswith(os.sep) else base + os.sep
    if base in ("", "."):
        prefix = ""
    if not inside.startswith(prefix) or inside.startswith(os.sep) != prefix.startswith(os.sep):
        return False
    steps = inside[len(prefix) :].split(os.sep)
    if not steps or not steps[0] or ".." in steps:
        return False
    current = base or "."
    try:
        for step in steps:
            current = os.path.join(current, step)
            if stat.S_ISLNK(os.lstat(current).st_mode):
                return False
    except OSError:
        return False
    return True


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower() if exc.strerror[:1].isupper() else exc.strerror
    return "a loop of links" if isinstance(exc, RuntimeError) else excerpt(exc, 80, quote=False)


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (a named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"
