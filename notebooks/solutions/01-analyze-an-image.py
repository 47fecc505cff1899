# Runs on its own (in a fresh kernel too): it sets up what it needs.
from pathlib import Path

import vision_viz as vv

session = vv.start_session("recordings/01-analyze-an-image.json")
url = f"{session.endpoint}/computervision/imageanalysis:analyze"
own_params = {
    "api-version": "2023-10-01",
    "features": "caption,denseCaptions,tags,objects,people,read,smartCrops",
    "smartcrops-aspect-ratios": "0.9,1.33",
    "gender-neutral-caption": "true",
    "language": "en",
}

# 1. Analyze the shop receipt: the request of Step 4, another image (its saved answer is an example).
IMAGE = Path("images/shop-receipt.png")
image_bytes = IMAGE.read_bytes()
vv.check_image(image_bytes, api="4.0")
own = session.post(url, params=own_params, headers={"Content-Type": "application/octet-stream"}, data=image_bytes)
print("Where this answer came from:", vv.provenance(own))
receipt = own.json()
for block in receipt.get("readResult", {}).get("blocks", []):
    for line in block["lines"]:
        print(line["text"])
display(vv.draw(IMAGE, own))

# 2. Only the confident tags of Microsoft's real answer for its sample photo (Step 1's request).
sample_params = {"api-version": "2023-10-01", "features": "read,tags,objects,people,caption,denseCaptions,smartCrops",
                 "language": "en", "gender-neutral-caption": "true", "smartcrops-aspect-ratios": "0.9,1.33",
                 "model-version": "latest"}
result = session.post(url, params=sample_params, json={"url": "https://aka.ms/azai/vision/image-analysis-sample.jpg"}).json()
confident_tags = [tag["name"] for tag in result.get("tagsResult", {}).get("values", []) if tag["confidence"] >= 0.8]
print(confident_tags)
