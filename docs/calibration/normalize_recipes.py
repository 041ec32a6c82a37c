"""Turns the per-row Megatron-Bridge recipe readings (megatron-bridge-recipes-llama.csv,
megatron-bridge-recipes-moe.csv: one row per MBRIDGE case, every setting with the file it was read from) into
megatron-bridge-recipes.csv, the planner's settings for each row (RunMapper reads it). Run from this folder:
    python3 normalize_recipes.py
"""
import csv
import re

RUNS = {r["case_id"]: r for r in csv.DictReader(open("published-runs.csv"))}
COLUMNS = ["case_id", "release", "config_file", "recompute", "recompute_modules", "recompute_num_layers", "precision",
           "fp8_param_gather", "optimizer", "grad_dtype", "zero", "shard_group", "cuda_graphs", "tp_comm_overlap",
           "moe_dispatcher", "moe_a2a_overlap", "moe_drop_and_pad", "shared_expert_overlap", "first_stage_layers", "last_stage_layers",
           "embedding_in_split", "loss_in_split", "offload_activations", "mtp_layers", "bf16_first_layers", "bf16_last_layers",
           "mbs", "pp", "vp", "confidence"]
MODULES = ["core_attn", "mlp", "moe_act", "layernorm", "mla_up_proj", "moe", "shared_experts"]


def plain(text):
    """The value without the readers' 'default:' mark (which says the recipe leaves the framework default)."""
    text = text.strip().lower()
    return text[len("default:"):] if text.startswith("default:") else text


def true(text):
    return plain(text).startswith("true")


def precision(text):
    t = text.lower()
    if t.startswith("tensorwise"):
        return "fp8-current"
    if t.startswith("mxfp8"):
        return "mxfp8"
    if t.startswith("nvfp4"):
        return "nvfp4"
    if t.startswith("blockwise"):
        return "fp8-blockwise"
    if t.startswith("delayed"):
        return "fp8"
    return "bf16"


def expand(layout):
    """'Et*4|(t*4|)*14tmL' -> one string per pipeline chunk."""
    layout = layout.split(" ")[0]
    while "(" in layout:
        layout = re.sub(r"\(([^()]*)\)\*(\d+)", lambda m: m.group(1) * int(m.group(2)), layout)
    layout = re.sub(r"([a-zA-Z])\*(\d+)", lambda m: m.group(1) * int(m.group(2)), layout)
    return [c for c in layout.split("|")]


def ends(layout, p, v):
    """Decoder layers (t) on the first and the last GPU of a p-stage pipeline with v chunks each; the MTP layer (m) is
    not a decoder layer (mtp_layers carries it) and the planner does not cost it."""
    chunks = expand(layout)
    if len(chunks) != p * v:
        return None
    count = lambda i: sum(chunks[k].count("t") for k in range(len(chunks)) if k % p == i)
    return count(0), count(p - 1)


def modules(text, granularity):
    if not plain(granularity).startswith("selective"):
        return ""
    found = [m for m in MODULES if re.search(r"(^|[;\[ ,])" + m + r"($|[;\] ,])", text.split("(")[0])]
    return ";".join(found)


def number(pattern, text):
    m = re.search(pattern, text)
    return m.group(1) if m else ""


def llama(r, run):
    out = base(r, run)
    full = r["recompute_granularity"].startswith("full")
    out.update(
        recompute="full" if full else "none",
        recompute_num_layers=r["recompute_num_layers"] if full and r["recompute_num_layers"].isdigit() else "",
        zero="3" if "optim_grads_params" in r["data_parallel_sharding_strategy"] else "1",
        cuda_graphs=graphs(r["cuda_graph_impl"], r["cuda_graph_scope"]),
        embedding_in_split="1" if true(r["account_for_embedding_in_pipeline_split"]) else "0",
        loss_in_split="1" if true(r["account_for_loss_in_pipeline_split"]) else "0",
        offload_activations=number(r"cpu_offloading_num_layers=(\d+)", r["cpu_offload"]),
    )
    # Where the published table's layout contradicts the release's preset (and its own GA column or the GPU's memory),
    # the readers wrote the preset's values (see each row's note); empty keeps the table's.
    for key in ("mbs", "pp", "vp"):
        out[key] = number(key + r"=(\d+)", r.get("layout_override", ""))
    return out


def moe(r, run):
    out = base(r, run)
    mods = modules(r["recompute_modules"], r["recompute_granularity"])
    p, v = int(run["pp"] or 1), int(run["vp"] or 1)
    first = last = ""
    layout = r["pipeline_model_parallel_layout"]
    if "|" in layout:
        e = ends(layout, p, v)
        if e:
            first, last = str(e[0]), str(e[1])
    dispatcher = "alltoall"
    if r["moe_token_dispatcher_type"].endswith("flex"):
        dispatcher = "deepep" if "deepep" in r["moe_flex_dispatcher_backend"].lower() and "none" not in r["moe_flex_dispatcher_backend"].lower()[:5] else "hybridep"
        if r["moe_flex_dispatcher_backend"].lower().startswith("none"):
            dispatcher = "alltoall"
    shard = number(r"num_distributed_optimizer_instances=(\d+)", r["megatron_fsdp"])
    out.update(
        recompute="selective" if mods else "none",
        recompute_modules=mods,
        zero="3" if r["megatron_fsdp"].startswith("True") else "1",
        shard_group=str(int(run["n_gpus"]) // int(shard)) if shard else "",
        cuda_graphs=graphs(r["cuda_graph_impl"], r["cuda_graph_scope"]),
        moe_dispatcher=dispatcher,
        moe_a2a_overlap="1" if true(r["overlap_moe_expert_parallel_comm"]) else "0",
        moe_drop_and_pad="1" if true(r["moe_pad_expert_input_to_capacity"]) and plain(r["moe_expert_capacity_factor"])[:1].isdigit() else "0",
        shared_expert_overlap="1" if true(r["moe_shared_expert_overlap"]) else "0",
        first_stage_layers=first,
        last_stage_layers=last,
        embedding_in_split="1" if true(r["account_for_embedding_in_pipeline_split"]) else "0",
        loss_in_split="1" if true(r["account_for_loss_in_pipeline_split"]) else "0",
        mtp_layers=number(r"^(?:default:)?(\d+)", r["mtp_num_layers"]),
        bf16_first_layers=number(r"(?:num_layers_at_start_in_bf16=|start )(\d+)", r.get("bf16_layers", "")),
        bf16_last_layers=number(r"num_layers_at_end_in_bf16=(\d+)", r.get("bf16_layers", "")),
    )
    return out


def graphs(impl, scope):
    impl = impl.lower()
    if "full_iteration" in impl:
        return "full"
    if impl.startswith("transformer_engine") or impl.startswith("local"):
        return "partial"
    return "none"


def base(r, run):
    prec = precision(r["fp8_recipe"])
    gather = r["fp8_param_gather"].lower()
    moments_bf16 = plain(r["exp_avg_dtype"]).startswith("bf16") and true(r["use_precision_aware_optimizer"])
    return dict(
        case_id=r["case_id"],
        release=r["release_ref"].split(" ")[0].split("@")[0],
        config_file=r["config_file"],
        precision=prec,
        fp8_param_gather="1" if prec != "bf16" and (gather.startswith("true") or "fp4_param_gather=true" in gather) else "0",
        optimizer="adam-bf16-moments" if moments_bf16 else "adam",
        grad_dtype="fp32" if true(r["grad_reduce_in_fp32"]) else "bf16",
        tp_comm_overlap="1" if r["tp_comm_overlap"].lower().startswith("true") and "disabled" not in r["tp_comm_overlap"] else "0",
        confidence=r["confidence"],
    )


rows = []
for name, convert in (("megatron-bridge-recipes-llama.csv", llama), ("megatron-bridge-recipes-moe.csv", moe)):
    for r in csv.DictReader(open(name)):
        run = RUNS[r["case_id"]]
        row = {c: "" for c in COLUMNS}
        row.update(convert(r, run))
        rows.append(row)

rows.sort(key=lambda r: r["case_id"])
with open("megatron-bridge-recipes.csv", "w", newline="") as f:
    w = csv.DictWriter(f, COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
print(len(rows), "rows")
