# 1. Five candidates: a new request. Replay only answers recorded requests, so offline this explains
#    how to record it; live, it returns up to five captions.
try:
    more = session.post(f"{base}/describe", params={"maxCandidates": "5", "language": "en"},
                        headers=headers, data=image_bytes).json()
    print(len(more.get("description", {}).get("captions", [])), "captions")
except vv.MissingRecordingError as error:
    print(error)

for caption in described.get("description", {}).get("captions", []):
    if caption["confidence"] >= 0.88:
        print(f"{caption['confidence']:.2f}  {caption['text']}")

# 2. The horse, with confidences.
display(vv.draw("images/horse.png", horse_response, show_confidence=True))
