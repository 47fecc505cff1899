# 1. Words of the receipt the service was least sure of.
receipt = session.post(url, params=params, headers=headers, data=Path("images/shop-receipt.png").read_bytes()).json()
receipt_lines = [line for block in receipt.get("readResult", {}).get("blocks", []) for line in block.get("lines", [])]
for line in receipt_lines:
    for word in line.get("words", []):
        if word.get("confidence", 0.0) < 0.97:
            print(f"{word.get('confidence', 0.0):.3f}  {word['text']}")

# 2. Add up the item prices (the price lines above TOTAL) and compare with the total.
texts = [line["text"] for line in receipt_lines]
total_at = texts.index("TOTAL") if "TOTAL" in texts else len(texts)
items = [float(t[1:]) for t in texts[:total_at] if re.fullmatch(r"\$\d+\.\d\d", t)]
total = next((float(t[1:]) for t in texts[total_at + 1:] if re.fullmatch(r"\$\d+\.\d\d", t)), None)
print(f"items add up to ${sum(items):.2f}; the receipt says ${total:.2f}")

# 3. The notice, line by line, with the reading direction of each line (first word to last).
for line in notice_lines:
    angle = reading_angle(line)
    print(f"{angle:5.1f}°  {line['text']}" if angle is not None else f"one word  {line['text']}")
display(vv.draw_ocr(NOTICE, notice, level="line"))
