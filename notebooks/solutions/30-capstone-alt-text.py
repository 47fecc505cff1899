# The capstone's alt_text, following the four rules. THRESHOLD is 0.8, as in the notebook.
def alt_text(result):
    """Alt text for one analyze answer: the caption when the service is sure, else what it found; plus any text."""
    caption = result.get("captionResult", {})
    if caption.get("text") and caption.get("confidence", 0.0) >= THRESHOLD:
        text = caption["text"][:1].upper() + caption["text"][1:] + "."
    else:
        objects = sorted(result.get("objectsResult", {}).get("values", []),
                         key=lambda obj: -max((tag["confidence"] for tag in obj.get("tags", [])), default=0.0))
        names = [obj["tags"][0]["name"] for obj in objects if obj.get("tags")]
        names += [tag["name"] for tag in result.get("tagsResult", {}).get("values", [])
                  if tag.get("confidence", 0.0) >= THRESHOLD]
        names = list(dict.fromkeys(names))[:3]  # each name once, at most three
        if not names:
            text = "Picture without a description."
        elif len(names) == 1:
            text = f"Picture possibly showing {names[0]}."
        else:
            text = f"Picture possibly showing {', '.join(names[:-1])} and {names[-1]}."
    lines = [line["text"] for block in result.get("readResult", {}).get("blocks", [])
             for line in block.get("lines", [])]
    if lines:
        text += ' Text in the picture: "' + " / ".join(lines[:3]) + (" / …" if len(lines) > 3 else "") + '"'
    return text


for name, result in results.items():
    print(f"{name}: {alt_text(result)}")
