# Runs on its own (in a fresh kernel too): it sets up what it needs.
from pathlib import Path

import vision_viz as vv

session = vv.start_session("recordings/20-analyze-with-3.2-features.json")
analyze_url = f"{session.endpoint}/vision/v3.2/analyze"
params = {
    "visualFeatures": "Categories,Tags,Description,Faces,ImageType,Color,Adult,Objects,Brands",
    "language": "en",
}
headers = {"Content-Type": "application/octet-stream"}

# 1. Analyze another portrait with every visual feature.
IMAGE = Path("images/grace-hopper.jpg")
image_bytes = IMAGE.read_bytes()
vv.check_image(image_bytes, api="3.2")
hopper = session.post(analyze_url, params=params, headers=headers, data=image_bytes)
result = hopper.json()
for found in result.get("faces", []):
    print("face:", found["faceRectangle"])  # age and gender, if present, stay unused (Step 6)
for found in result.get("objects", []):
    print("object:", found["object"], f"{found['confidence']:.2f}", found["rectangle"])
for caption in result.get("description", {}).get("captions", []):
    print("caption:", caption["text"])
display(vv.draw_faces(IMAGE, hopper, labels=False))
display(vv.draw(IMAGE, hopper, kinds=["object", "caption"]))

# 2. Adult scores side by side, against a (very strict) threshold.
THRESHOLD = 0.001
for_review = {}
for name in ("astronaut.jpg", "grace-hopper.jpg"):
    answer = session.post(analyze_url, params=params, headers=headers, data=Path("images", name).read_bytes()).json()
    adult = answer.get("adult", {})
    scores = {key: adult.get(key, 0) for key in ("adultScore", "racyScore", "goreScore")}
    for_review[name] = [key for key, score in scores.items() if score >= THRESHOLD]
    print(f"{name:18}", "  ".join(f"{key} {score:.4f}" for key, score in scores.items()),
          "-> review:", for_review[name] or "nothing")
