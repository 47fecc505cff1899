# 1. The shop receipt through the SDK: the request of Step 6, another image (its saved answer is an example).
IMAGE = Path("images/shop-receipt.png")
receipt = client.analyze(
    image_data=IMAGE.read_bytes(),
    visual_features=[
        VisualFeatures.CAPTION, VisualFeatures.DENSE_CAPTIONS, VisualFeatures.TAGS, VisualFeatures.OBJECTS,
        VisualFeatures.PEOPLE, VisualFeatures.READ, VisualFeatures.SMART_CROPS,
    ],
    smart_crops_aspect_ratios=[0.9, 1.33],
    gender_neutral_caption=True,
    language="en",
)
print("Where this answer came from:", vv.provenance(http_responses[-1]))
for block in receipt.read.blocks:
    for line in block.lines:
        for word in line.words:
            print(f"{word.confidence:.2f}  {word.text}")
display(vv.draw(IMAGE, vv.parse(receipt, provenance=vv.provenance(http_responses[-1]))))

# 2. The objects of the sample photo as corners (x1, y1)-(x2, y2).
for obj in result.objects.list:
    box = obj.bounding_box
    print(f"{obj.tags[0].name} ({box.x}, {box.y})-({box.x + box.width}, {box.y + box.height})")
