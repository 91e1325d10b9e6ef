"""How well the printed rows of a table fit their text (tests/export/print-fit.test.ts).

For each page image (pdftoppm PNG) the table's horizontal rules (grey lines across the table) split
it into rows; in each row the highest and lowest ink pixels (black text; the grey rules are lighter
than the ink threshold) are found. Prints JSON: per row its height and the space above its first line
and below its last one, in pixels. A clipped row has its text cut at the rule (no space below); a
wasteful one has much more space below its text than above it."""
import json, sys
from PIL import Image

INK = 110    # text is black; the rules (#808080, anti-aliased) stay above this
RULE = 200   # a rule's pixels are darker than this

out = []
for page, path in enumerate(sys.argv[1:], start=1):
    im = Image.open(path).convert('L')
    w, h = im.size
    counts = [sum(im.crop((0, y, w, y + 1)).histogram()[:RULE]) for y in range(h)]
    top = max(counts)
    merged = []
    for y in (y for y in range(h) if counts[y] >= 0.9 * top):
        if merged and y - merged[-1][1] <= 2:
            merged[-1][1] = y
        else:
            merged.append([y, y])
    ink = im.point(lambda v: 255 if v < INK else 0)
    for (a0, a1), (b0, b1) in zip(merged, merged[1:]):
        y0, y1 = a1 + 1, b0 - 1
        if y1 - y0 < 6:
            continue
        box = ink.crop((0, y0, w, y1 + 1)).getbbox()
        if not box:
            continue
        out.append({"page": page, "top": y0, "height": y1 - y0 + 1, "above": box[1], "below": (y1 - y0) - (box[3] - 1)})
print(json.dumps(out))
