# 1. 250,000 pictures on S1 at 20 calls a second:
print("250,000 pictures on S1:", plan(250_000, 20, 1))

# 2. People as well, into a new results file, so that every picture is asked again with the new features.
#    Every picture is answered (offline, each bundled picture's example answer is cut to the features asked)
#    except the fake photo: check_image refuses it as InvalidImageFormat before sending, with a key too.
with_people = run_batch(photos, features=["caption", "tags", "read", "people"], out=work / "people.jsonl",
                        session=session, rate=20, progress=False)
print(with_people)
for path, record in sorted(read_results(work / "people.jsonl").items()):
    if record["ok"]:
        people = record["answer"].get("peopleResult", {}).get("values", [])
        likely = sum(person["confidence"] >= 0.5 for person in people)
        print(f"{path:<24}{likely} of {len(people)} candidates at 0.5 or more")
    else:
        print(f"{path:<24}{record['error']['code']}: refused before sending")

# 3. Captions below 0.5 confidence.
low = [path for path, answer in answers.items() if answer.get("captionResult", {}).get("confidence", 1) < 0.5]
print("Captions below 0.5:", low or "none")
