# Runs on its own (in a fresh kernel too): it sets up what it needs.
from pathlib import Path

import vision_viz as vv

session = vv.start_session("recordings/02-caption-an-image.json")
url = f"{session.endpoint}/computervision/imageanalysis:analyze"
headers = {"Content-Type": "application/octet-stream"}
neutral_params = {"api-version": "2023-10-01", "features": "caption", "gender-neutral-caption": "true"}

# 1. Caption the astronaut, gender-neutral. Drawn from the response, the picture says where the answer came from.
ASTRONAUT = Path("images/astronaut.jpg")
astronaut = session.post(url, params=neutral_params, headers=headers, data=ASTRONAUT.read_bytes())
print(astronaut.json().get("captionResult"))
display(vv.draw_caption(ASTRONAUT, astronaut))


# 2. A caption only when the service is reasonably sure of it.
def describe(body, min_confidence=0.5):
    caption = body.get("captionResult") or {}
    if caption.get("confidence", 0.0) < min_confidence:
        return "(no confident caption)"
    return caption["text"]


print(describe(astronaut.json()))
print(describe({}))
