"""Make every screenshot in the README: ``.venv/bin/python screenshots/make.py``.

Each scene of ``screenshots/scenes.py`` is run on the demo journal at a fixed day
and clock in a 120x40 terminal (or the scene's own size) and saved as ``screenshots/<name>.svg``. Give
scene names to make only those.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script from anywhere: the repo's packages come first

from screenshots.scenes import SCENES, Scene, tour_app  # noqa: E402


async def shoot(scene: Scene, directory: Path) -> Path:
    """Run ``scene`` and save its picture in ``directory``; return the file written."""
    app = tour_app(theme=scene.theme)
    filename = f"{scene.name}.svg"
    async with app.run_test(size=scene.size) as pilot:
        await scene.steps(pilot)
        app.save_screenshot(filename, str(directory))
    return directory / filename


def main(names: list[str]) -> int:
    """Make the screenshots named (all when none are) and say which files were written."""
    known = {scene.name: scene for scene in SCENES}
    unknown = [name for name in names if name not in known]
    if unknown:
        print(f"make.py: unknown scene {', '.join(unknown)}; scenes are: {', '.join(known)}", file=sys.stderr)
        return 2
    for scene in (known[name] for name in names) if names else SCENES:
        path = asyncio.run(shoot(scene, HERE))
        print(f"{path.relative_to(HERE.parent)}  {scene.shows}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
