# 1. Only the words, as COCO.
words = vv.to_coco(response, kinds=["word"])
print(len(words["annotations"]), "words:", [a["attributes"]["label"] for a in words["annotations"][:3]])

# 2. The invoice at 100 pixels per inch: twice the boxes of 50 pixels per inch.
display(vv.draw(Image.new("RGB", (850, 1100), "white"), invoice, kinds=["word"]))
at_100 = vv.to_coco(invoice, image_size=(850, 1100), kinds=["word"])["annotations"][0]["bbox"]
at_50 = vv.to_coco(invoice, image_size=(425, 550), kinds=["word"])["annotations"][0]["bbox"]
print(at_100, at_50, all(abs(a - 2 * b) < 1e-6 for a, b in zip(at_100, at_50)))
