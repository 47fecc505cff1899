# 1. 250,000 pictures on S1 at 20 calls a second:
print("250,000 pictures on S1:", plan(250_000, 20, 1))

# 2. People as well, into a new results file, so that every picture is asked again with the new features.
#    Offline only the requests that were saved have answers: the summary counts the others as NoSavedAnswer.
with_people = run_batch(photos, features=["caption", "tags", "read", "people"], out=work / "people.jsonl",
                        session=session, rate=20, progress=False)
print(with_people)

# 3. Captions below 0.5 confidence.
low = [path for path, answer in answers.items() if answer.get("captionResult", {}).get("confidence", 1) < 0.5]
print("Captions below 0.5:", low or "none")
