"""Write example Image Analysis 4.0 response bodies for every sample image.

No live service is reachable where this project is built, so the first recordings are *examples*
written to the service's schema (``ImageAnalysisResult`` of the 2023-10-01 REST specification):
what ``POST {endpoint}/computervision/imageanalysis:analyze?api-version=2023-10-01`` returns for

    features=caption,denseCaptions,tags,objects,people,read,smartCrops
    smartcrops-aspect-ratios=0.9,1.33
    gender-neutral-caption=true

They are shaped like the real bodies Microsoft published (key order, float32 confidences printed
with many decimals, three-decimal object and word confidences, low-confidence extra people,
first dense caption over the whole image), but the *content* is made by hand:

* captions, tags and boxes of the photographs were written by looking at each image and measuring
  pixel coordinates (the numbers are in ``PHOTOS`` below);
* text of the rendered images comes from ``tools/sample_layouts/<stem>.json``, the exact geometry
  ``tools/render_sample_images.py`` drew, rounded to whole pixels as the service reports them;
* ``metadata`` is the image's real pixel size after EXIF orientation (the service reports the
  oriented size).

Replace a file with a real recording when one is made; nothing else depends on these numbers
being invented. Each body is written to ``tools/example_bodies/4.0/<image-stem>.json``, and the
per-feature examples cut from them (``CUTS``) beside them, in folders named after the feature.

Usage::

    python tools/write_example_bodies.py            # (re)write every body
    python tools/write_example_bodies.py --check    # exit 1 if a file on disk differs
"""

from __future__ import annotations

import hashlib
import json
import struct
from pathlib import Path

from PIL import Image, ImageOps

import generated

REPO = Path(__file__).resolve().parents[1]
IMAGES_DIR = REPO / "notebooks" / "images"
LAYOUTS_DIR = REPO / "tools" / "sample_layouts"
OUT_DIR = REPO / "tools" / "example_bodies" / "4.0"
ASPECT_RATIOS = (0.9, 1.33)

Box = tuple[int, int, int, int]  # x, y, w, h as the 4.0 service reports boxes


# --------------------------------------------------------------------------------------------
# Hand-written content of every image. Boxes are (x, y, w, h) in pixels of the oriented image.
# ``people`` lists the person detections; the service also returns near-zero-confidence boxes,
# listed after the real ones. ``focus`` is the point smart crops are centred on.
# --------------------------------------------------------------------------------------------

PHOTOS: dict[str, dict] = {
    "astronaut.jpg": {
        "caption": ("a person in an orange space suit", 0.7942),
        "dense": [
            ("a person in an orange space suit smiling", 0.7718, None),
            ("a person with short hair smiling", 0.8032, (152, 14, 151, 146)),
            ("a black and white helmet", 0.7611, (277, 342, 232, 170)),
            ("a model of a space shuttle", 0.7334, (352, 0, 122, 292)),
            ("an american flag", 0.7109, (0, 0, 96, 512)),
            ("a patch on an orange suit", 0.6684, (131, 345, 80, 81)),
            ("a person wearing an orange jumpsuit", 0.7522, (18, 140, 352, 372)),
            ("a close-up of a person's neck ring", 0.6291, (112, 148, 196, 148)),
        ],
        "tags": [
            ("human face", 0.9954),
            ("person", 0.9921),
            ("clothing", 0.9836),
            ("smile", 0.9617),
            ("astronaut", 0.9285),
            ("outerwear", 0.8794),
            ("helmet", 0.8312),
            ("portrait", 0.7805),
            ("flag", 0.6719),
            ("indoor", 0.5903),
        ],
        "objects": [
            ("person", 0.902, (20, 15, 346, 497)),
            ("helmet", 0.741, (277, 343, 231, 169)),
            ("flag", 0.612, (0, 0, 95, 505)),
        ],
        "people": [
            (0.9547, (19, 14, 349, 498)),
            (0.0041, (353, 0, 120, 291)),
            (0.0019, (0, 2, 94, 506)),
            (0.0012, (278, 344, 230, 168)),
        ],
        "focus": (245, 190),
    },
    "grace-hopper.jpg": {
        "caption": ("a person in a military uniform and hat", 0.8311),
        "dense": [
            ("an older person in a military uniform", 0.8176, None),
            ("a person wearing glasses and a hat", 0.8047, (148, 22, 230, 312)),
            ("a close-up of a person's face", 0.7708, (163, 110, 205, 222)),
            ("a black hat with a gold emblem", 0.7893, (148, 22, 226, 152)),
            ("an american flag", 0.7241, (0, 0, 238, 470)),
            ("a pair of glasses", 0.7462, (170, 164, 190, 64)),
            ("a colorful military ribbon", 0.6937, (322, 486, 133, 42)),
            ("a name tag on a jacket", 0.6518, (78, 481, 92, 40)),
            ("a person wearing a black jacket", 0.7359, (12, 300, 500, 300)),
        ],
        "tags": [
            ("human face", 0.9962),
            ("person", 0.9937),
            ("clothing", 0.9791),
            ("glasses", 0.9562),
            ("portrait", 0.9048),
            ("military uniform", 0.8697),
            ("senior citizen", 0.8451),
            ("cap", 0.8018),
            ("wrinkle", 0.7824),
            ("flag", 0.6671),
        ],
        "objects": [
            ("person", 0.914, (13, 22, 499, 578)),
            ("hat", 0.706, (149, 23, 224, 150)),
            ("glasses", 0.641, (171, 165, 188, 62)),
        ],
        "people": [
            (0.9581, (12, 21, 500, 579)),
            (0.0026, (0, 0, 238, 472)),
            (0.0017, (452, 331, 60, 269)),
            (0.0011, (321, 480, 142, 120)),
        ],
        "read": [
            (
                "COMO HOPPER",
                [(110, 495), (160, 498), (160, 508), (110, 505)],
                [
                    ("COMO", [(110, 495), (129, 496), (129, 506), (110, 505)], 0.982),
                    ("HOPPER", [(132, 496), (160, 498), (160, 508), (132, 507)], 0.956),
                ],
            )
        ],
        "focus": (262, 205),
    },
    "camera.png": {
        "caption": ("a person taking a picture with a camera on a tripod", 0.7861),
        "dense": [
            ("a person using a camera on a tripod", 0.7803, None),
            ("a person in a black coat", 0.7534, (0, 63, 332, 449)),
            ("a camera on a tripod", 0.7962, (230, 138, 176, 374)),
            ("a black video camera", 0.7120, (258, 138, 68, 45)),
            ("a person with dark hair", 0.7288, (158, 63, 114, 138)),
            ("a tall building with a dome on top", 0.6402, (410, 113, 24, 82)),
            ("a large white building", 0.6115, (338, 160, 174, 78)),
            ("a grassy field", 0.6879, (296, 236, 216, 276)),
        ],
        "tags": [
            ("outdoor", 0.9931),
            ("grass", 0.9874),
            ("person", 0.9853),
            ("clothing", 0.9522),
            ("camera", 0.9316),
            ("tripod", 0.9107),
            ("sky", 0.8983),
            ("black and white", 0.8846),
            ("monochrome", 0.8617),
            ("field", 0.7305),
            ("photographer", 0.6879),
        ],
        "objects": [
            ("person", 0.879, (1, 64, 330, 448)),
            ("camera", 0.631, (258, 139, 67, 44)),
            ("tripod", 0.572, (231, 181, 175, 331)),
        ],
        "people": [(0.9436, (0, 62, 332, 450)), (0.0021, (411, 115, 23, 80)), (0.0013, (318, 228, 27, 15))],
        "focus": (200, 190),
    },
    "chelsea.png": {
        "caption": ("a close up of a cat", 0.8864),
        "dense": [
            ("a close up of a cat's face", 0.8611, None),
            ("a cat with green eyes", 0.8127, (4, 0, 392, 300)),
            ("a close up of a cat's eye", 0.7954, (133, 83, 76, 64)),
            ("a close up of a cat's eye", 0.7711, (295, 107, 51, 60)),
            ("a close up of a cat's nose", 0.7386, (226, 223, 70, 46)),
            ("a blurry white background", 0.6018, (388, 112, 63, 188)),
            ("whiskers of a cat", 0.6544, (0, 196, 262, 104)),
        ],
        "tags": [
            ("cat", 0.9993),
            ("whiskers", 0.9921),
            ("small to medium-sized cats", 0.9874),
            ("mammal", 0.9812),
            ("felidae", 0.9745),
            ("animal", 0.9702),
            ("close-up", 0.9513),
            ("domestic short-haired cat", 0.9389),
            ("tabby cat", 0.8927),
            ("snout", 0.8474),
            ("kitten", 0.6813),
        ],
        "objects": [("cat", 0.874, (5, 0, 390, 300))],
        "people": [(0.0035, (389, 112, 62, 188)), (0.0012, (0, 0, 64, 300))],
        "focus": (240, 160),
    },
    "coffee.jpg": {
        "caption": ("a cup of coffee on a saucer with a spoon", 0.8372),
        "dense": [
            ("a cup of coffee on a saucer", 0.8249, None),
            ("a cup of coffee with a spoon", 0.8016, (76, 17, 406, 376)),
            ("a red and white cup", 0.7741, (172, 17, 238, 292)),
            ("a cup of espresso", 0.7815, (203, 95, 168, 100)),
            ("a silver spoon on a saucer", 0.7263, (325, 66, 100, 261)),
            ("a close up of a spoon", 0.6922, (326, 240, 80, 86)),
            ("a red saucer on a table", 0.7487, (76, 70, 406, 322)),
            ("a wooden table top", 0.6635, (470, 0, 130, 400)),
            ("a close-up of a cup handle", 0.5972, (196, 226, 67, 84)),
        ],
        "tags": [
            ("cup", 0.9958),
            ("saucer", 0.9931),
            ("coffee", 0.9907),
            ("tableware", 0.9864),
            ("drink", 0.9712),
            ("espresso", 0.9628),
            ("caffeine", 0.9335),
            ("table", 0.9201),
            ("coffee cup", 0.9043),
            ("ristretto", 0.8816),
            ("wood", 0.8358),
            ("spoon", 0.7611),
            ("indoor", 0.6027),
        ],
        "objects": [("cup", 0.862, (173, 18, 236, 290)), ("spoon", 0.538, (326, 67, 98, 259))],
        "people": [(0.0018, (0, 0, 58, 66)), (0.0010, (478, 312, 122, 88))],
        "focus": (290, 190),
    },
    "rocket.jpg": {
        "caption": ("a rocket on a launch pad at night", 0.7728),
        "dense": [
            ("a rocket on a launch pad", 0.7804, None),
            ("a tall white rocket", 0.7516, (309, 125, 28, 281)),
            ("a tall metal tower", 0.7032, (0, 0, 89, 427)),
            ("a tall metal tower", 0.6925, (558, 0, 82, 427)),
            ("a tall tower with lights", 0.6481, (168, 121, 38, 306)),
            ("a tall tower with lights", 0.6303, (438, 121, 34, 306)),
            ("bright lights at a launch site", 0.6719, (100, 345, 380, 82)),
            ("a blue sky at dusk", 0.6157, (90, 0, 468, 340)),
        ],
        "tags": [
            ("sky", 0.9941),
            ("outdoor", 0.9887),
            ("rocket", 0.9615),
            ("tower", 0.9426),
            ("night", 0.9012),
            ("spaceport", 0.8907),
            ("launch pad", 0.8575),
            ("vehicle", 0.7912),
            ("dusk", 0.7236),
            ("light", 0.6618),
        ],
        "objects": [
            ("tower", 0.642, (0, 0, 89, 427)),
            ("tower", 0.708, (166, 123, 40, 304)),
            ("rocket", 0.781, (309, 124, 29, 283)),
            ("tower", 0.691, (439, 123, 42, 304)),
            ("tower", 0.617, (559, 0, 81, 427)),
        ],
        "people": [(0.0031, (284, 350, 74, 56)), (0.0014, (560, 300, 80, 127))],
        "focus": (322, 250),
    },
    "horse.png": {
        "caption": ("a black silhouette of a horse", 0.8589),
        "dense": [
            ("a black silhouette of a horse", 0.8477, None),
            ("a black horse silhouette", 0.8215, (18, 9, 371, 304)),
            ("the head of a horse", 0.7432, (262, 9, 127, 100)),
            ("the legs of a horse", 0.6981, (44, 168, 252, 145)),
            ("a horse's tail", 0.6524, (18, 88, 50, 164)),
        ],
        "tags": [
            ("horse", 0.9912),
            ("silhouette", 0.9745),
            ("animal", 0.9531),
            ("mammal", 0.9406),
            ("clipart", 0.9013),
            ("drawing", 0.8746),
            ("black and white", 0.8617),
            ("illustration", 0.8352),
            ("stallion", 0.7421),
            ("mane", 0.6118),
        ],
        "objects": [("horse", 0.793, (19, 10, 369, 302))],
        "people": [(0.0022, (262, 9, 127, 100))],
        "focus": (200, 160),
    },
    "clip-art-house.png": {
        "caption": ("a cartoon of a house with a tree and the sun", 0.8436),
        "dense": [
            ("a cartoon of a house with a tree and the sun", 0.8390, None),
            ("a cartoon of a red house", 0.8112, (100, 85, 221, 217)),
            ("a cartoon of a tree", 0.7897, (330, 140, 97, 162)),
            ("a yellow sun with rays", 0.7764, (340, 10, 121, 121)),
            ("a white cloud in the sky", 0.7203, (40, 35, 121, 56)),
            ("a green hill", 0.6918, (0, 250, 480, 110)),
            ("a brown door", 0.6742, (189, 224, 45, 78)),
            ("a window on a house", 0.6135, (137, 194, 39, 39)),
        ],
        "tags": [
            ("cartoon", 0.9934),
            ("clipart", 0.9818),
            ("illustration", 0.9752),
            ("drawing", 0.9513),
            ("house", 0.9384),
            ("tree", 0.9025),
            ("sky", 0.8841),
            ("graphics", 0.8537),
            ("child art", 0.7113),
            ("art", 0.6842),
        ],
        "objects": [("house", 0.712, (101, 86, 219, 215))],
        "people": [(0.0016, (189, 224, 45, 78))],
        "focus": (250, 170),
    },
    "line-drawing-bicycle.png": {
        "caption": ("a drawing of a bicycle", 0.8917),
        "dense": [
            ("a black and white drawing of a bicycle", 0.8702, None),
            ("a drawing of a bicycle", 0.8463, (42, 71, 397, 218)),
            ("a bicycle wheel", 0.7831, (40, 130, 162, 162)),
            ("a bicycle wheel", 0.7719, (280, 130, 162, 162)),
            ("a bicycle seat", 0.6244, (167, 92, 52, 16)),
            ("the handlebars of a bicycle", 0.6018, (302, 68, 64, 22)),
        ],
        "tags": [
            ("bicycle", 0.9937),
            ("drawing", 0.9806),
            ("line art", 0.9721),
            ("bicycle wheel", 0.9618),
            ("sketch", 0.9302),
            ("wheel", 0.9117),
            ("illustration", 0.8762),
            ("black and white", 0.8519),
            ("tire", 0.7403),
            ("vehicle", 0.6577),
        ],
        "objects": [("bicycle", 0.831, (42, 71, 397, 218))],
        "people": [(0.0012, (165, 90, 60, 125))],
        "focus": (240, 180),
    },
    # Rendered images with text: the read result comes from their layout file.
    "shop-receipt.png": {
        "caption": ("a receipt with text on it", 0.8124),
        "dense": [
            ("a close-up of a receipt", 0.7931, None),
            ("a white receipt with black text", 0.7706, (30, 15, 360, 610)),
            ("black text on a white background", 0.7125, (80, 40, 262, 112)),
            ("a close up of numbers", 0.6538, (290, 212, 86, 162)),
            ("a list of food items", 0.6711, (45, 210, 160, 170)),
            ("text on a white paper", 0.6342, (100, 515, 212, 70)),
        ],
        "tags": [
            ("text", 0.9968),
            ("receipt", 0.9612),
            ("font", 0.9437),
            ("paper", 0.9012),
            ("document", 0.8735),
            ("number", 0.8421),
            ("menu", 0.6254),
        ],
        "objects": [],
        "people": [(0.0011, (30, 15, 360, 610))],
        "focus": (210, 280),
    },
    "multilingual-notice.png": {
        "caption": ("a white sign with blue and black text", 0.7985),
        "dense": [
            ("a sign with text in different languages", 0.7723, None),
            ("a blue and white sign", 0.7517, (20, 20, 680, 460)),
            ("white text on a blue background", 0.7308, (20, 20, 680, 75)),
            ("black text on a white background", 0.7012, (45, 110, 420, 80)),
            ("chinese characters on a white background", 0.6825, (45, 215, 370, 90)),
            ("japanese text on a white background", 0.6719, (45, 330, 612, 90)),
        ],
        "tags": [
            ("text", 0.9974),
            ("font", 0.9612),
            ("screenshot", 0.9304),
            ("sign", 0.8418),
            ("document", 0.7653),
            ("line", 0.6312),
        ],
        "objects": [],
        "people": [(0.0010, (20, 20, 680, 460))],
        "focus": (360, 250),
    },
    "rotated-sign.png": {
        "caption": ("a no parking sign on a wall", 0.8247),
        "dense": [
            ("a red and white no parking sign", 0.8105, None),
            ("a red and white sign on a wall", 0.7836, (178, 59, 425, 333)),
            ("a green sign with white text", 0.7214, (42, 100, 56, 300)),
            ("red text on a white sign", 0.6952, (232, 105, 280, 160)),
            ("a metal pole", 0.6033, (383, 330, 15, 100)),
            ("a gray floor", 0.6418, (0, 430, 640, 50)),
        ],
        "tags": [
            ("text", 0.9951),
            ("sign", 0.9783),
            ("signage", 0.9502),
            ("font", 0.9236),
            ("wall", 0.8874),
            ("red", 0.8125),
            ("parking", 0.7236),
            ("traffic sign", 0.6517),
        ],
        "objects": [],
        "people": [(0.0024, (42, 100, 56, 300)), (0.0012, (383, 330, 15, 100))],
        "focus": (390, 235),
    },
}

# The EXIF sample shows the same photograph as chelsea.png once its orientation is applied.
PHOTOS["chelsea-exif-orientation-6.jpg"] = dict(PHOTOS["chelsea.png"])
LAYOUT_FOR = {"shop-receipt.png", "multilingual-notice.png", "rotated-sign.png"}


# --------------------------------------------------------------------------------------------


def _unit(key: str) -> float:
    """A deterministic number in [0, 1) from ``key`` (so re-running gives the same file)."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big") / 2**64


def f32(value: float, key: str) -> float:
    """``value`` jittered by < 0.00005 and rounded through float32, as the service prints it."""
    jittered = min(0.99999, max(0.0, value + (_unit(key) - 0.5) * 1e-4))
    return struct.unpack("<f", struct.pack("<f", jittered))[0]


def bbox(box: Box) -> dict[str, int]:
    x, y, w, h = box
    return {"x": x, "y": y, "w": w, "h": h}


def polygon(points) -> list[dict[str, int]]:
    return [{"x": max(0, int(round(x))), "y": max(0, int(round(y)))} for x, y in points]


def oriented_size(path: Path) -> tuple[int, int]:
    with Image.open(path) as im:
        return ImageOps.exif_transpose(im).size


def smart_crop(size: tuple[int, int], ratio: float, focus: tuple[int, int], key: str) -> Box:
    """A box of about ``ratio`` (w/h) inside the image, as large as fits, centred on ``focus``.

    Like the real service's crops it is a few pixels short of the full side.
    """
    W, H = size
    shrink = 0.985 + 0.012 * _unit(key)
    if ratio <= W / H:
        h = int(H * shrink)
        w = int(round(h * ratio))
    else:
        w = int(W * shrink)
        h = int(round(w / ratio))
    x = min(max(0, int(round(focus[0] - w / 2))), W - w)
    y = min(max(0, int(round(focus[1] - h / 2))), H - h)
    return (x, y, w, h)


def read_from_layout(stem: str) -> list[dict]:
    layout = json.loads((LAYOUTS_DIR / f"{stem}.json").read_text(encoding="utf-8"))
    lines = []
    for line in layout["lines"]:
        words = []
        for w in line["words"]:
            conf = round(0.95 + 0.049 * _unit(f"{stem}/{line['text']}/{w['text']}/{len(words)}"), 3)
            words.append({"text": w["text"], "boundingPolygon": polygon(w["polygon"]), "confidence": conf})
        lines.append({"text": line["text"], "boundingPolygon": polygon(line["polygon"]), "words": words})
    return lines


def read_from_photo(items) -> list[dict]:
    return [
        {
            "text": text,
            "boundingPolygon": polygon(poly),
            "words": [{"text": t, "boundingPolygon": polygon(p), "confidence": c} for t, p, c in words],
        }
        for text, poly, words in items
    ]


def body_for(name: str) -> dict:
    spec = PHOTOS[name]
    stem = Path(name).stem
    width, height = oriented_size(IMAGES_DIR / name)
    whole = (0, 0, width, height)
    caption, caption_conf = spec["caption"]
    lines = read_from_layout(stem) if name in LAYOUT_FOR else read_from_photo(spec.get("read", []))
    tags = sorted(spec["tags"], key=lambda t: -t[1])
    return {
        "modelVersion": "2023-10-01",
        "captionResult": {"text": caption, "confidence": f32(caption_conf, f"{stem}/caption")},
        "denseCaptionsResult": {
            "values": [
                {
                    "text": text,
                    "confidence": f32(conf, f"{stem}/dense/{i}"),
                    "boundingBox": bbox(box or whole),
                }
                for i, (text, conf, box) in enumerate(spec["dense"])
            ]
        },
        "metadata": {"width": width, "height": height},
        "tagsResult": {"values": [{"name": n, "confidence": f32(c, f"{stem}/tag/{n}")} for n, c in tags]},
        "objectsResult": {
            "values": [
                {"boundingBox": bbox(box), "tags": [{"name": n, "confidence": c}]}
                for n, c, box in spec["objects"]
            ]
        },
        # Real bodies say {"blocks": []} when there is no text (the 2023-10-01 spec says minItems 1).
        "readResult": {"blocks": [{"lines": lines}] if lines else []},
        "smartCropsResult": {
            "values": [
                {
                    "aspectRatio": r,
                    "boundingBox": bbox(smart_crop((width, height), r, spec["focus"], f"{stem}/crop/{r}")),
                }
                for r in ASPECT_RATIOS
            ]
        },
        "peopleResult": {
            "values": [
                {"boundingBox": bbox(box), "confidence": f32(c, f"{stem}/person/{i}")}
                for i, (c, box) in enumerate(spec["people"])
            ]
        },
    }


# Per-feature examples, cut from an every-feature body: a notebook about one feature replays a body
# with only that feature's result. Each lists its source (an image stem) and its keys, in order.
CAPSTONE_KEYS = ("modelVersion", "captionResult", "metadata", "tagsResult", "objectsResult", "readResult")


def _one(result: str) -> tuple[str, ...]:
    return ("modelVersion", result, "metadata")


CUTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "capstone/coffee.json": ("coffee", CAPSTONE_KEYS),
    "capstone/line-drawing-bicycle.json": ("line-drawing-bicycle", CAPSTONE_KEYS),
    "capstone/multilingual-notice.json": ("multilingual-notice", CAPSTONE_KEYS),
    "capstone/rocket.json": ("rocket", CAPSTONE_KEYS),
    "capstone/shop-receipt.json": ("shop-receipt", CAPSTONE_KEYS),
    "caption/astronaut-neutral.json": ("astronaut", _one("captionResult")),
    "caption/grace-hopper-neutral.json": ("grace-hopper", _one("captionResult")),
    "dense-captions/astronaut.json": ("astronaut", _one("denseCaptionsResult")),
    "dense-captions/coffee.json": ("coffee", _one("denseCaptionsResult")),
    "dense-captions/horse.json": ("horse", _one("denseCaptionsResult")),
    "objects/astronaut.json": ("astronaut", _one("objectsResult")),
    "people/astronaut.json": ("astronaut", _one("peopleResult")),
    "people/camera.json": ("camera", _one("peopleResult")),
    "people/grace-hopper.json": ("grace-hopper", _one("peopleResult")),
    "read/coffee.json": ("coffee", _one("readResult")),
    "read/handwritten_text.json": ("handwritten_text", _one("readResult")),
    "read/multilingual-notice.json": ("multilingual-notice", _one("readResult")),
    "read/rotated-sign.json": ("rotated-sign", _one("readResult")),
    "read/shop-receipt.json": ("shop-receipt", _one("readResult")),
    "tags/clip-art-house.json": ("clip-art-house", _one("tagsResult")),
    "tags/coffee.json": ("coffee", _one("tagsResult")),
    "tags/rocket.json": ("rocket", _one("tagsResult")),
}


def cut(source: dict, keys: tuple[str, ...]) -> dict:
    """The part of an every-feature body that a per-feature example shows."""
    return {key: source[key] for key in keys}


def dumps(body: dict) -> str:
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


#: Images whose every-feature body this script does not write: Microsoft published a real answer for
#: its sample photo (tools/published_bodies/), and the whiteboard's body was written by hand, its word
#: boxes measured on the picture (tools/example_bodies/MANIFEST.md lists what is generated).
NOT_GENERATED = {"image-analysis-sample.jpg", "handwritten_text.jpg"}


def outputs() -> dict[Path, str]:
    """Every body this script writes, by path: one every-feature body per image, and the cuts of them."""
    suffixes = {".png", ".jpg", ".jpeg"}
    images = sorted(p.name for p in IMAGES_DIR.iterdir() if p.suffix.lower() in suffixes)
    images = [name for name in images if name not in NOT_GENERATED]
    missing = set(images) - set(PHOTOS)
    if missing:
        raise SystemExit(f"no hand-written content for: {sorted(missing)}")
    full = {Path(name).stem: body_for(name) for name in images}
    files = {OUT_DIR / f"{stem}.json": dumps(body) for stem, body in full.items()}
    for path, (stem, keys) in CUTS.items():
        # The whiteboard's every-feature body is hand-written: its cut is taken from the file.
        source = full[stem] if stem in full else json.loads((OUT_DIR / f"{stem}.json").read_text(encoding="utf-8"))
        files[OUT_DIR / path] = dumps(cut(source, keys))
    return files


def main(argv: list[str] | None = None) -> int:
    return generated.main(__doc__, "write_example_bodies.py", outputs, argv)


if __name__ == "__main__":
    raise SystemExit(main())
