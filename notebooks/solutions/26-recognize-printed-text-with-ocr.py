# 1. Prices and their boxes.
for region in result.get("regions", []):
    for line in region.get("lines", []):
        for word in line.get("words", []):
            if word["text"].startswith("$"):
                print(word["text"], vv.xywh_string_to_xyxy(word["boundingBox"]))

# 2. Lines only, labelled with their text.
display(vv.draw_ocr(IMAGE, response, level="line"))
