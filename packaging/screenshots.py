"""Take the README's screenshots: the main window in English/light and Chinese/dark, at
1280×800 and 1920×1080, on a throw-away copy of the bundled catalog with a long Chinese summary,
a note holding a table, the tag completer open and a row's context menu open.

Needs an X display (Xvfb is enough) and ImageMagick's ``import``:

    Xvfb :91 -screen 0 1920x1080x24 &
    DISPLAY=:91 python packaging/screenshots.py [--out resources] [--only NAME]

Settings, caches and the catalog live in a temporary home; nothing of the user's is touched.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

LONG_SUMMARY_ZH = (
    "GeoChat 是首个面向遥感影像的多任务对话式视觉语言大模型。作者在 LLaVA-1.5 的基础上，用约 31.8 万条遥感指令数据"
    "对模型进行微调，使其既能回答关于整幅影像的问题，也能针对用户用边界框指定的区域进行描述、推理与定位。"
    "为此构建了覆盖场景分类、视觉问答、区域描述、视觉定位和多轮对话的遥感多模态指令数据集，并把任务类型以"
    "特殊标记写入提示词，让同一个模型在不同任务之间切换。实验表明，GeoChat 在 UCMerced、AID 场景分类上零样本"
    "表现优于通用模型，在 RSVQA 和区域级定位任务上同样取得了有竞争力的结果；作者还指出，小目标、密集目标的计数"
    "与高分辨率影像的细节理解仍是后续工作的重点。"
)
NOTE = """## 读后笔记

与 RSGPT、EarthGPT 比较：

| 模型 | 基座 | 指令数据 | 区域定位 |
|------|------|----------|----------|
| GeoChat | LLaVA-1.5 | 318k | ✓ |
| RSGPT | InstructBLIP | 2.5k | ✗ |
| EarthGPT | — | 1M | ✓ |

- **优点**：区域级对话，指令数据公开
- *待查*：小目标计数的误差来源
"""

SIZES = {"1280x800": (1280, 800), "1920x1080": (1920, 1080)}
LOOKS = {"en-light": ("en", "light"), "zh-dark": ("zh_CN", "dark")}


def _home() -> Path:
    home = Path(tempfile.mkdtemp(prefix="rsfm-shots-"))
    for var in ("CONFIG", "DATA", "CACHE", "STATE"):
        os.environ[f"XDG_{var}_HOME"] = str(home / var.lower())
    os.environ["HOME"] = str(home)
    return home


def shoot(out: Path, look: str, size: str, scene: str) -> Path:
    """One screenshot in a child process (a fresh application per language and theme)."""
    target = out / f"screenshot-{look}-{size}-{scene}.png"
    subprocess.run([sys.executable, __file__, "--child", look, size, scene, str(target)], check=True,
                   cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    return target


def child(look: str, size: str, scene: str, target: Path) -> None:
    home = _home()
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtWidgets import QApplication

    from rsfm_desktop.app import apply_preferences, create_main_window, ensure_app
    from rsfm_desktop.core.fields import Kind
    from rsfm_desktop.ui import settings as cfg

    app = ensure_app()
    settings = cfg.make_settings()
    language, theme = LOOKS[look]
    cfg.put(settings, cfg.LANGUAGE, language)
    cfg.put(settings, cfg.THEME, theme)
    apply_preferences(app, settings)
    from rsfm_desktop.ui import icons

    icons.refresh_all()
    window = create_main_window(home / "catalog", settings)
    width, height = SIZES[size]
    window.move(0, 0)
    window.resize(width, height)
    window.splitter.setSizes([int(width * 0.56), int(width * 0.44)])
    window.show()
    catalog = window.catalog
    paper = next(i for i, t in catalog.entries.titles_by_id(Kind.PAPER, catalog.entries.list_ids(Kind.PAPER))
                 if t.startswith("GeoChat"))
    entry = catalog.entries.get(Kind.PAPER, paper)
    catalog.entries.update(Kind.PAPER, paper, {"summary_zh": LONG_SUMMARY_ZH}, expected_version=entry.version)
    catalog.notes.save(Kind.PAPER, paper, NOTE)
    window.jump_to(Kind.PAPER, paper)
    window.detail.splitter.setSizes([int(height * 0.52), int(height * 0.34)])

    def grab_screen():
        QApplication.processEvents()
        subprocess.run(["import", "-window", "root", "-crop", f"{width}x{height}+0+0", str(target)], check=True)
        window.close()
        app.quit()

    def scene_ready():
        table = window.current_table()
        if scene == "menu":
            row = table.catalog_model().row_of(paper)
            rect = table.visualRect(table.model().index(row, 1))
            window.entry_actions.show_context_menu(table, QPoint(rect.center().x(), rect.center().y()))
        elif scene == "completer":
            chips = window.taxonomy_controller.chips
            window.detail.scroll.ensureWidgetVisible(chips.input)
            chips.input.setFocus()
            text = "变化" if language.startswith("zh") else "chan"
            chips.input.setText(text)
            chips.input.textEdited.emit(text)
        QTimer.singleShot(700, grab_screen)

    QTimer.singleShot(1200, scene_ready)
    app.exec()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--only", help="one look-size-scene, e.g. en-light-1280x800-menu")
    args = parser.parse_args(argv)
    if args.child:
        look, size, scene, target = args.child
        child(look, size, scene, Path(target))
        return
    if not os.environ.get("DISPLAY"):
        sys.exit("screenshots.py needs an X display (e.g. Xvfb :91 & DISPLAY=:91)")
    args.out.mkdir(parents=True, exist_ok=True)
    for look in LOOKS:
        for size in SIZES:
            for scene in ("menu", "completer"):
                if args.only and args.only != f"{look}-{size}-{scene}":
                    continue
                print(shoot(args.out, look, size, scene))


if __name__ == "__main__":
    main()
