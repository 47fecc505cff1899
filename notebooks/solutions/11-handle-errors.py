# Runs on its own (in a fresh kernel too): it sets up what it needs.
import io
from pathlib import Path

from PIL import Image

import vision_viz as vv

session = vv.start_session("recordings/11-handle-errors.json")
url = f"{session.endpoint}/computervision/imageanalysis:analyze"
headers = {"Content-Type": "application/octet-stream"}


def show_error(error):
    "Print the fields of a vv.VisionServiceError."
    print("status:    ", error.status)
    print("code:      ", error.code)
    print("message:   ", error.message)
    print("request id:", "present" if error.request_id else "none")
    print("came from: ", error.origin or "live response from the service (not a recording)")


# 1. Check, post, and report any error instead of raising it.
def safe_analyze(path, features):
    data = Path(path).read_bytes()
    try:
        vv.check_image(data, api="4.0")
        response = session.post(url, params={"api-version": "2023-10-01", "features": features},
                                headers=headers, data=data)
        return response.json()
    except vv.ImageCheckError as error:
        print("not sent:", error)
    except vv.VisionServiceError as error:
        show_error(error)
    return None


print(safe_analyze("images/coffee.jpg", "caption,color"))
print(safe_analyze("images/coffee.jpg", "caption"))

# 2. 16,000 pixels is not "less than 16,000": refused.
buffer = io.BytesIO()
Image.new("L", (16000, 100)).save(buffer, "PNG")
try:
    print(vv.check_image(buffer.getvalue()))
    wide_accepted = True
except vv.ImageCheckError as error:
    print(error)
    wide_accepted = False

# The message says how to make it fit: shrink it to 15,999 x 100, keeping its shape.
print(vv.check_image(Image.new("L", (16000, 100)).resize((15999, 100))))
