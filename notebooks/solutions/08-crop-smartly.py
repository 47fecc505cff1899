# 1. The rocket at two ratios.
ROCKET = Path("images/rocket.jpg")
rocket_params = {"api-version": "2023-10-01", "features": "smartCrops", "smartcrops-aspect-ratios": "0.75,1.8"}
rocket = session.post(url, params=rocket_params, headers=headers, data=ROCKET.read_bytes())
display(vv.compare_crops(ROCKET, rocket, height=240))  # the response: the picture says where it came from

# 2. A thumbnail of the portrait crop: thumbnail() keeps the shape, resize() squashes it.
portrait = next(c for c in rocket.json().get("smartCropsResult", {}).get("values", []) if c["aspectRatio"] == 0.75)
piece = cut(Image.open(ROCKET), portrait)
kept = piece.copy()
kept.thumbnail((96, 96))
squashed = piece.resize((96, 96))
print(kept.size, squashed.size)
display(kept, squashed)
