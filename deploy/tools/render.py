#!/usr/bin/env python3
"""Renders a kustomization as `kubectl kustomize` does, for the subset deploy/k8s uses.

CI machines have no kubectl (Debian's kubernetes-client is 1.20, whose built-in kustomize predates
`labels` and `patches`), so scripts/check-deploy renders the overlays with this and validates the
result. Where a recent kubectl exists it renders with both and `compare` proves them equal, so
this stays honest. Anything outside the subset (generators, inline or targeted patches, JSON 6902
patches, selector labels, ...) is refused rather than rendered wrongly.

    render.py render DIR          print the rendered objects (YAML stream)
    render.py compare A.yaml B.yaml   exit 1 unless both streams hold the same objects
"""

import copy
import os
import sys

import yaml

KEYS = {"apiVersion", "kind", "resources", "namespace", "labels", "images", "patches"}
CLUSTER_SCOPED = {
    "Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
    "IngressClass", "PersistentVolume", "PriorityClass", "StorageClass",
}


class Unsupported(Exception):
    pass


def load(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if d]


def group(api_version):
    return api_version.split("/")[0] if "/" in api_version else ""


def merge(target, patch):
    """A strategic merge patch as kustomize applies it to the fields deploy/k8s patches:
    maps merge, null deletes, lists of named items merge by name, other lists are replaced."""
    for key, value in patch.items():
        if value is None:
            target.pop(key, None)
        elif isinstance(value, dict) and isinstance(target.get(key), dict):
            merge(target[key], value)
        elif isinstance(value, list) and isinstance(target.get(key), list) and named(value) \
                and named(target[key]):
            by_name = {item["name"]: item for item in target[key]}
            for item in value:
                if item["name"] in by_name:
                    merge(by_name[item["name"]], item)
                else:
                    target[key].append(copy.deepcopy(item))
        else:
            target[key] = copy.deepcopy(value)


def named(items):
    return all(isinstance(i, dict) and "name" in i for i in items)


def pod_specs(obj):
    spec = obj.get("spec", {})
    if "template" in spec:
        yield spec["template"].get("spec", {})
    if "jobTemplate" in spec:
        yield spec["jobTemplate"]["spec"]["template"].get("spec", {})


def split_image(image):
    """name, tag, digest of an image reference (a port in the registry is not a tag)."""
    name, _, digest = image.partition("@")
    tag = ""
    if ":" in name.rsplit("/", 1)[-1]:
        name, tag = name.rsplit(":", 1)
    return name, tag, digest


def set_images(objs, images):
    for obj in objs:
        for spec in pod_specs(obj):
            for container in spec.get("initContainers", []) + spec.get("containers", []):
                name, tag, digest = split_image(container["image"])
                for rule in images:
                    if set(rule) - {"name", "newName", "newTag", "digest"}:
                        raise Unsupported(f"image rule {rule}")
                    if rule["name"] != name:
                        continue
                    name = rule.get("newName", name)
                    tag = rule.get("newTag", tag)
                    digest = rule.get("digest", digest)
                ref = name + (f":{tag}" if tag else "") + (f"@{digest}" if digest else "")
                container["image"] = ref


def build(directory):
    kustomization = load(os.path.join(directory, "kustomization.yaml"))[0]
    unknown = set(kustomization) - KEYS
    if unknown:
        raise Unsupported(f"{directory}: {sorted(unknown)}")
    objs = []
    for resource in kustomization.get("resources", []):
        path = os.path.join(directory, resource)
        objs += build(path) if os.path.isdir(path) else load(path)
    for patch in kustomization.get("patches", []):
        if set(patch) != {"path"}:
            raise Unsupported(f"{directory}: patch {patch} (only `path:` patches)")
        for doc in load(os.path.join(directory, patch["path"])):
            matches = [o for o in objs if o["kind"] == doc["kind"]
                       and group(o["apiVersion"]) == group(doc["apiVersion"])
                       and o["metadata"]["name"] == doc["metadata"]["name"]]
            if len(matches) != 1:
                raise Unsupported(f"{patch['path']}: {len(matches)} targets for "
                                  f"{doc['kind']}/{doc['metadata']['name']}")
            merge(matches[0], doc)
    for labels in kustomization.get("labels", []):
        if labels.get("includeSelectors") or labels.get("includeTemplates"):
            raise Unsupported(f"{directory}: labels on selectors or templates")
        for obj in objs:
            obj.setdefault("metadata", {}).setdefault("labels", {}).update(labels["pairs"])
    set_images(objs, kustomization.get("images", []))
    namespace = kustomization.get("namespace")
    if namespace:
        for obj in objs:
            if obj["kind"] not in CLUSTER_SCOPED:
                obj["metadata"]["namespace"] = namespace
    return objs


def identity(obj):
    meta = obj.get("metadata", {})
    return (obj.get("apiVersion"), obj.get("kind"), meta.get("namespace", ""), meta.get("name"))


def compare(a_path, b_path):
    a = {identity(o): o for o in load(a_path)}
    b = {identity(o): o for o in load(b_path)}
    differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    for key in differ:
        print(f"differs: {'/'.join(str(part) for part in key)}", file=sys.stderr)
    return 1 if differ else 0


def main(argv):
    if len(argv) == 3 and argv[1] == "render":
        try:
            objs = build(argv[2])
        except Unsupported as e:
            print(f"render.py: outside the supported subset: {e}", file=sys.stderr)
            return 2
        yaml.safe_dump_all(objs, sys.stdout, sort_keys=False)
        return 0
    if len(argv) == 4 and argv[1] == "compare":
        return compare(argv[2], argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
