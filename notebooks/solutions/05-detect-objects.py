# Runs on its own (in a fresh kernel too): it sets up what it needs.
from pathlib import Path

from PIL import Image

import vision_viz as vv

session = vv.start_session("recordings/05-detect-objects.json")
url = f"{session.endpoint}/computervision/imageanalysis:analyze"
headers = {"Content-Type": "application/octet-stream"}
params = {"api-version": "2023-10-01", "features": "objects"}


def best_tag(obj):
    "The object's most confident (name, confidence), or ('unknown', 0.0) when it has no tag."
    tags = sorted(obj.get("tags", []), key=lambda tag: -tag.get("confidence", 0.0))
    return (tags[0]["name"], tags[0].get("confidence", 0.0)) if tags else ("unknown", 0.0)


# 1. The astronaut's objects, the confident ones drawn (from the response: the picture says where it came from).
ASTRONAUT = Path("images/astronaut.jpg")
astronaut = session.post(url, params=params, headers=headers, data=ASTRONAUT.read_bytes())
for obj in astronaut.json().get("objectsResult", {}).get("values", []):
    print(best_tag(obj), obj["boundingBox"])
display(vv.draw(ASTRONAUT, astronaut, min_confidence=0.7, show_confidence=True))

# 2. The helmet, cut out and shown twice as large.
helmets = [obj for obj in astronaut.json().get("objectsResult", {}).get("values", []) if best_tag(obj)[0] == "helmet"]
for helmet in helmets:
    crop = Image.open(ASTRONAUT).crop(tuple(round(v) for v in vv.xywh_to_xyxy(helmet["boundingBox"])))
    helmet_large = crop.resize((crop.width * 2, crop.height * 2))
    display(helmet_large)
