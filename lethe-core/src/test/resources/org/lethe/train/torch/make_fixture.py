"""Writes the PyTorch fixture that TorchSequentialTest reads (no PyTorch is needed to run the test).

Run from this directory with a Python that has torch:  python3 make_fixture.py

It builds the two networks Lethe imports as torch.nn.Sequential modules with seeded random weights, saves their
state dicts in the safetensors format (with the safetensors package when installed, else with the small writer
below, which follows the format's specification), and saves eight seeded random inputs with the logits PyTorch
computes for them.
"""
import json
import struct

import torch
from torch import nn


def mlp():
    return nn.Sequential(nn.Linear(784, 32), nn.ReLU(), nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 10))


def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 5), nn.MaxPool2d(2), nn.ReLU(),
        nn.Conv2d(32, 64, 5), nn.MaxPool2d(2), nn.ReLU(),
        nn.Flatten(), nn.Linear(1024, 128), nn.ReLU(), nn.Linear(128, 10))


def save(tensors, path):
    tensors = {k: v.detach().contiguous().to(torch.float32) for k, v in tensors.items()}
    try:
        from safetensors.torch import save_file
        save_file(tensors, path)
        return
    except ImportError:
        pass
    header, offset, blobs = {}, 0, []
    for name in sorted(tensors):
        data = tensors[name].numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape),
                        "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def main():
    torch.manual_seed(20231)
    inputs = torch.rand(8, 784)
    outputs = {"inputs": inputs}
    for name, make in (("mlp", mlp), ("cnn", cnn)):
        model = make().eval()
        save(model.state_dict(), name + ".safetensors")
        x = inputs.reshape(8, 1, 28, 28) if name == "cnn" else inputs
        with torch.no_grad():
            outputs[name + "_logits"] = model(x)
    save(outputs, "expected.safetensors")


if __name__ == "__main__":
    main()
