"""The game window: time to the first frame, frame time in the encounter, resident memory.

    xvfb-run -a -s "-screen 0 1920x1080x24" python benchmarks/bench_ui.py

Measured in one run, each against its floor:
- first frame: `trainer play` from process start to its first frame on screen, against a bare
  pygame-ce window that loads the same bundled font and shows one line of text (goal <= 1.5x);
- frame time p50/p99 in the encounter with Chinese text at 1280x720 (goal p99 <= 8 ms), each
  frame being the game's own update + draw + display flip, without the 60 fps wait;
- resident memory (peak RSS) of the process that ran the encounter frames (goal <= 250 MB).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

FLOOR = """
import pygame, sys
pygame.display.init(); pygame.font.init()
screen = pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
font = pygame.font.Font(sys.argv[1], 21)
screen.fill((28, 36, 48))
screen.blit(font.render("Service Recovery Trainer", True, (255, 255, 255)), (40, 40))
pygame.display.flip()
pygame.quit()
"""


def spawn(args: list[str], env: dict[str, str], runs: int) -> float:
    """Median seconds from spawning the process to its exit after the first frame (after one
    warm-up run, so both sides start with compiled bytecode, as an installed package does)."""
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def first_frame(runs: int) -> tuple[float, float]:
    from trainer.ui.fonts import font_path

    env = dict(os.environ)
    env["TRAINER_EXIT_AFTER_FIRST_FRAME"] = "1"
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    game = spawn([sys.executable, "-m", "trainer", "play"], env, runs)
    floor = spawn([sys.executable, "-c", FLOOR, str(font_path())], env, runs)
    return game, floor


def frames(count: int) -> tuple[list[float], list[float], list[float]]:
    import pygame

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from trainer.content.library import Library
    from trainer.ui.context import Context
    from trainer.ui.scenes.encounter import EncounterScene
    from trainer.ui.settings import Settings

    pygame.display.init()
    pygame.font.init()
    screen = pygame.display.set_mode((1280, 720))
    scenarios = Library().all().scenarios
    scenario = next(s for s in scenarios if s.id == "hotel-overbooked-late-arrival")
    ctx = Context(settings=Settings(lang="zh-Hans"), scenarios=scenarios)
    ctx.size = (1280, 720)
    scene = EncounterScene(ctx, scenario, seed=1)
    scene.layout(ctx.size)
    scene.enter()
    times, draw_times, floor = [], [], []
    for i in range(count + 30):
        started = time.perf_counter()
        ctx.time += 1 / 60
        scene.update(1 / 60 if scene.elapsed < 3 else 0.0)  # stay before the first timeout
        scene.draw(screen)
        drawn = time.perf_counter()
        pygame.display.flip()
        pygame.event.pump()
        if i >= 30:  # the first frames fill the font and art caches
            times.append(time.perf_counter() - started)
            draw_times.append(drawn - started)
    for i in range(count):  # the floor: the same window, filled and flipped, nothing drawn
        started = time.perf_counter()
        screen.fill((i % 200, 40, 60))
        pygame.display.flip()
        pygame.event.pump()
        floor.append(time.perf_counter() - started)
    pygame.quit()
    return times, draw_times, floor


def main() -> int:
    if "DISPLAY" not in os.environ:
        print("bench_ui: run it under Xvfb (see the docstring): no DISPLAY", file=sys.stderr)
        return 2
    game, floor = first_frame(runs=5)
    print("game window (Xvfb, 1280x720)")
    print(
        f"  first frame: trainer play {game * 1000:6.0f} ms; bare pygame + same font "
        f"{floor * 1000:6.0f} ms   ratio {game / floor:.2f}x (goal <= 1.5x)"
    )
    times, draw_times, floor = frames(600)

    def pct(values: list[float], q: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000

    print(
        f"  encounter frame (update + draw + flip), Chinese text: p50 {pct(times, 0.5):.2f} ms, "
        f"p99 {pct(times, 0.99):.2f} ms (goal p99 <= 8 ms)"
    )
    print(
        f"    of which update + draw: p50 {pct(draw_times, 0.5):.2f} ms, "
        f"p99 {pct(draw_times, 0.99):.2f} ms"
    )
    print(
        f"    floor, fill + flip of the same window: p50 {pct(floor, 0.5):.2f} ms, "
        f"p99 {pct(floor, 0.99):.2f} ms"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak resident memory: {peak:.0f} MB (goal <= 250 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
