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

# 2. Only the confident tags (of Microsoft's real answer for its sample photo, `result`).
for tag in result.get("tagsResult", {}).get("values", []):
    if tag["confidence"] >= 0.8:
        print(f"{tag['confidence']:.2f}  {tag['name']}")
