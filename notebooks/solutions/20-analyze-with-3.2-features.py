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
for name in ("astronaut.jpg", "grace-hopper.jpg"):
    answer = session.post(analyze_url, params=params, headers=headers, data=Path("images", name).read_bytes()).json()
    adult = answer.get("adult", {})
    scores = {key: adult.get(key, 0) for key in ("adultScore", "racyScore", "goreScore")}
    review = [key for key, score in scores.items() if score >= THRESHOLD]
    print(f"{name:18}", "  ".join(f"{key} {score:.4f}" for key, score in scores.items()), "-> review:", review or "nothing")
