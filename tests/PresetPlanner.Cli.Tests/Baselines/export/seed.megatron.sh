# Megatron-LM arguments for Llama-3.1-70B on h100x64 (64 GPUs): Pure DP, micro-batch 4, ZeRO-3, full recomputation
# launch on 64 GPUs: the data-parallel size (64) follows from the world size / (TP x PP x CP)
--tensor-model-parallel-size 1 \
--pipeline-model-parallel-size 1 \
--context-parallel-size 1 \
--micro-batch-size 4 \
--global-batch-size 512 \
--seq-length 4096 \
--recompute-granularity full \
--recompute-method uniform \
--recompute-num-layers 1 \
--use-megatron-fsdp \
--data-parallel-sharding-strategy optim_grads_params \
--bf16 \
--overlap-grad-reduce \
--overlap-param-gather
