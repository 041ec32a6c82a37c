# Megatron-LM arguments for Llama-3.1-70B on h100x64 (64 GPUs): TP=4, PP=4, VP=2, CP=2, DP=2, micro-batch 1, ZeRO-3, no recomputation, sequence parallel
# launch on 64 GPUs: the data-parallel size (2) follows from the world size / (TP x PP x CP)
--tensor-model-parallel-size 4 \
--pipeline-model-parallel-size 4 \
--num-layers-per-virtual-pipeline-stage 10 \
--context-parallel-size 2 \
--sequence-parallel \
--micro-batch-size 1 \
--global-batch-size 512 \
--seq-length 4096 \
--use-megatron-fsdp \
--data-parallel-sharding-strategy optim_grads_params \
--ckpt-format fsdp_dtensor \
--bf16 \
--overlap-grad-reduce \
--overlap-param-gather
