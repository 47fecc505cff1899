# 1. This answer is a JPEG (smart.format says so), so save it as .jpg.
print(smart.format)
smart.save("/tmp/grace-hopper-smart.jpg")

# 2. A 2:1 strip centred on the area of interest, clamped to the image.
picture = Image.open(IMAGE)
x1, y1, x2, y2 = vv.xywh_to_xyxy(area["areaOfInterest"])
centre_y = (y1 + y2) / 2
top = int(min(max(centre_y - 128, 0), picture.height - 256))
strip = picture.crop((0, top, 512, top + 256)).resize((300, 150))
display(strip, smart)
