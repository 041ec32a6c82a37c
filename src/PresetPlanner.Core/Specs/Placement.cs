
namespace PresetPlanner.Specs;

/// <summary>
/// Where a job's ranks sit: how many GPUs of each NVLink domain it uses. Schedulers (Slurm's block/topology plugins on
/// NVL72, which hand out whole trays and keep a job's share of each rack equal) place a job inside one domain when it
/// fits, in whole domains when its size is a multiple of the domain, and otherwise in equal power-of-two shares of
/// several domains: 256 GPUs on 72-GPU NVL72 racks run as 4 racks x 64 (the Megatron-Bridge GB200 jobs of 256 GPUs).
/// Ranks fill each share in order (rank r is in domain r / G), which decides each parallel group's link
/// (<see cref="Results.GroupLinks"/>).
/// </summary>
public static class Placement
{
    /// <summary>
    /// GPUs of a job of <paramref name="gpus"/> in each domain of <paramref name="domain"/> GPUs it uses: <paramref name="requested"/>
    /// when given (above 0), else the whole job when it fits one domain, else the whole domain when the job is a multiple
    /// of it, else the largest power of two up to the domain that divides the job and holds whole servers of
    /// <paramref name="gpusPerServer"/> GPUs (1 when nothing else divides).
    /// </summary>
    public static int DomainShare(int gpus, int domain, int gpusPerServer, int requested)
    {
        if (requested > 0)
        {
            return requested;
        }

        if (gpus <= domain || domain <= 0)
        {
            return System.Math.Max(gpus, 1);
        }

        if (gpus % domain == 0)
        {
            return domain;
        }

        for (int share = HighestPowerOfTwo(domain); share > 1; share /= 2)
        {
            if (gpus % share == 0 && (share % System.Math.Max(gpusPerServer, 1) == 0 || share < gpusPerServer))
            {
                return share;
            }
        }

        return 1;
    }

    private static int HighestPowerOfTwo(int value)
    {
        int power = 1;
        while (power <= value / 2)
        {
            power *= 2;
        }

        return power;
    }
}
