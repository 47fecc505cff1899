# Runs on its own (in a fresh kernel too): it sets up what it needs.
import math
import re
from pathlib import Path

import vision_viz as vv

session = vv.start_session("recordings/07-read-text.json")
url = f"{session.endpoint}/computervision/imageanalysis:analyze"
params = {"api-version": "2023-10-01", "features": "read"}
headers = {"Content-Type": "application/octet-stream"}


def lines_of(body):
    "Every line of a Read answer, in reading order (none when there is no text)."
    return [line for block in body.get("readResult", {}).get("blocks", []) for line in block.get("lines", [])]


# 1. Words of the receipt the service was least sure of.
receipt = session.post(url, params=params, headers=headers, data=Path("images/shop-receipt.png").read_bytes()).json()
receipt_lines = lines_of(receipt)
unsure = [(word["text"], word.get("confidence", 0.0)) for line in receipt_lines for word in line.get("words", [])
          if word.get("confidence", 0.0) < 0.97]
for text, confidence in unsure:
    print(f"{confidence:.3f}  {text}")

# 2. Add up the item prices (the price lines above TOTAL) and compare with the total.
texts = [line["text"] for line in receipt_lines]
total_at = texts.index("TOTAL") if "TOTAL" in texts else len(texts)
items = [float(t[1:]) for t in texts[:total_at] if re.fullmatch(r"\$\d+\.\d\d", t)]
total = next((float(t[1:]) for t in texts[total_at + 1:] if re.fullmatch(r"\$\d+\.\d\d", t)), None)
print(f"items add up to ${sum(items):.2f}; the receipt says ${total:.2f}")


# 3. The notice, line by line, with the reading direction of each line (first word to last).
def centre(polygon):
    "The mean of a polygon's points, as (x, y)."
    return (sum(p["x"] for p in polygon) / len(polygon), sum(p["y"] for p in polygon) / len(polygon))


def reading_angle(line):
    "Degrees from the first word's centre to the last word's (0 is level, left to right); None for one word."
    words = line.get("words", [])
    if len(words) < 2:
        return None
    (x0, y0), (x1, y1) = centre(words[0]["boundingPolygon"]), centre(words[-1]["boundingPolygon"])
    return math.degrees(math.atan2(y1 - y0, x1 - x0))


NOTICE = Path("images/multilingual-notice.png")
notice_response = session.post(url, params=params, headers=headers, data=NOTICE.read_bytes())
directions = [(line["text"], reading_angle(line)) for line in lines_of(notice_response.json())]
for text, angle in directions:
    print(f"{angle:5.1f}°  {text}" if angle is not None else f"one word  {text}")
display(vv.draw_ocr(NOTICE, notice_response, level="line"))
