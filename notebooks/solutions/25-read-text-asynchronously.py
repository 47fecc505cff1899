# 1. Read the receipt.
IMAGE = Path("images/shop-receipt.png")
image_bytes = IMAGE.read_bytes()
vv.check_image(image_bytes, api="3.2")
response = session.post(read_url, params={"readingOrder": "natural"}, headers=headers, data=image_bytes)
final = wait_for_read(response.headers["Operation-Location"], timeout=30)
result = final.json()
for page in result.get("analyzeResult", {}).get("readResults", []):
    for line in page.get("lines", []):
        print(line["text"])
display(vv.draw_ocr(IMAGE, final, text="place"))

# 2. Lines that are not horizontal (use the sign's result: re-run Step 3 first if you overwrote it).
sign = wait_for_read(operation_url).json()
for page in sign.get("analyzeResult", {}).get("readResults", []):
    for line in page.get("lines", []):
        angle = line_angle(line["boundingBox"])
        if abs(angle) > 10:
            print(f"{angle:6.1f}°  {line['text']}")
