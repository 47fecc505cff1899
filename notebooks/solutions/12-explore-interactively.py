# 1. In the explorer: coffee.jpg, API 3.2, language ja. The notes name the recording that answers
#    (23-analyze-in-other-languages.json, which asked for Description, Tags and Objects in five languages).
#    Unticking Description removes the caption banner and the panel's caption. The same from code:
explorer.set(image="coffee.jpg", api="3.2", language="ja")
print(explorer.notes[0])
explorer.set(features=[f for f in explorer.state.features if f != "Description"])

# 2. Only text, without the line outlines: the notes, then the drawing.
explorer.set(image="rotated-sign.png", api="4.0", language="en", features=["read"], hidden_layers={"line"})
for note in explorer.notes:
    print(textwrap.fill(note, 100, subsequent_indent="    "))
display(explorer.picture)
