# 1. First five tags, one row per tag, one column per language.
columns = [[tag["name"] for tag in answers[language].get("tags", [])[:5]] for language in LANGUAGES]
print(" | ".join(LANGUAGES))
for row in zip(*columns):
    print(" | ".join(row))

# 2. The Portuguese answer.
display(vv.draw(IMAGE, responses["pt"]))
