# Megatron-LM arguments for DeepSeek-V3 on h100x1024 (1024 GPUs): TP=2, PP=8, VP=4, EP=64, DP=64, micro-batch 1, ZeRO-1, selective recomputation, sequence parallel
# launch on 1024 GPUs: the data-parallel size (64) follows from the world size / (TP x PP x CP)
# note: 61 layers do not split evenly over 32 (virtual) stages: add --decoder-first-pipeline-num-layers/--decoder-last-pipeline-num-layers or --pipeline-model-parallel-layout; the plan costed the busiest stage at 8 layers
# note: expandable segments are an environment variable: export PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True
--tensor-model-parallel-size 2 \
--pipeline-model-parallel-size 8 \
--num-virtual-stages-per-pipeline-rank 4 \
--context-parallel-size 1 \
--expert-model-parallel-size 64 \
--expert-tensor-parallel-size 1 \
--sequence-parallel \
--micro-batch-size 1 \
--global-batch-size 8192 \
--seq-length 4096 \
--recompute-granularity selective \
--recompute-modules moe_act mla_up_proj \
--use-distributed-optimizer \
--bf16 \
--fp8-format e4m3 \
--fp8-recipe blockwise \
--fp8-param-gather \
--grad-reduce-in-bf16 \
--use-precision-aware-optimizer \
--exp-avg-dtype bf16 \
--exp-avg-sq-dtype bf16 \
--moe-token-dispatcher-type flex \
--moe-flex-dispatcher-backend deepep \
--overlap-moe-expert-parallel-comm \
--overlap-grad-reduce \
--overlap-param-gather
