# 1. Categories and colours of the clip-art house.
for category in analysis.get("categories", []):
    print(f"{category['score']:.4f}  {category['name']}")
print(analysis.get("color"))
display(vv.color_swatch(response))  # the clip-art house's response (Step 6): the swatch says where it came from


# 2. A loop that raises instead of silently stopping.
def wait_for_read(operation_url, timeout=60.0):
    deadline = time.monotonic() + timeout
    while True:
        response = session.get(operation_url)
        body = response.json()
        status = str(body.get("status", "")).lower()
        if status == "succeeded":
            return body
        if status == "failed":
            raise RuntimeError(f"The Read operation failed: {operation_url}")
        if time.monotonic() >= deadline:
            raise TimeoutError(f"The Read operation is still {status} after {timeout} s")
        interval = min(float(response.headers.get("Retry-After", 1)), 5.0)
        time.sleep(0 if session.mode == "replay" else interval)


print(wait_for_read(operation_url)["status"])
