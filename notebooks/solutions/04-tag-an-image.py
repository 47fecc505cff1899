# Runs on its own (in a fresh kernel too): it sets up what it needs.
from pathlib import Path

import matplotlib.pyplot as plt

import vision_viz as vv

session = vv.start_session("recordings/04-tag-an-image.json")
url = f"{session.endpoint}/computervision/imageanalysis:analyze"
headers = {"Content-Type": "application/octet-stream"}
params = {"api-version": "2023-10-01", "features": "tags"}

# 1. Tag the rocket and chart its tags.
ROCKET = Path("images/rocket.jpg")
rocket = session.post(url, params=params, headers=headers, data=ROCKET.read_bytes())
ax = vv.plot_tags(rocket)  # the response: the chart says where the answer came from
ax.set_title(f"Tags for {ROCKET.name}")
plt.show()


# 2. Keywords above a threshold.
def keywords(path, threshold=0.8):
    body = session.post(url, params=params, headers=headers, data=Path(path).read_bytes()).json()
    return [tag["name"] for tag in body.get("tagsResult", {}).get("values", []) if tag["confidence"] >= threshold]


print(keywords("images/clip-art-house.png", 0.5))
print(keywords("images/clip-art-house.png", 0.9))
