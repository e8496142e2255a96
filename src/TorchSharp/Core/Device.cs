using System;

namespace TorchSharp
{
    /// <summary>The libtorch device types; this binding runs on the CPU only.</summary>
    public enum DeviceType
    {
        CPU = 0,
        CUDA = 1,
        MKLDNN = 2,
        OPENGL = 3,
        OPENCL = 4,
        IDEEP = 5,
        HIP = 6,
        FPGA = 7,
        MSNPU = 8,
        XLA = 9,
        META = 14,
    }

    public static partial class torch
    {
        /// <summary>The device a tensor lives on.</summary>
        public class Device
        {
            public DeviceType type { get; private set; } = DeviceType.CPU;

            public int index { get; private set; } = -1;

            /// <param name="description">A device descriptor 'device[:index]', e.g. "cpu".</param>
            public Device(string description)
            {
                var parts = description.Split(':');
                type = (DeviceType)Enum.Parse(typeof(DeviceType), parts[0].ToUpperInvariant());
                if (parts.Length == 2) index = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            }

            public Device(string deviceType, int index = -1)
            {
                type = (DeviceType)Enum.Parse(typeof(DeviceType), deviceType.ToUpperInvariant());
                this.index = index;
            }

            public Device(DeviceType deviceType, int index = -1)
            {
                type = deviceType;
                this.index = index;
            }

            public override string ToString() =>
                type == DeviceType.CPU ? "cpu" : index == -1 ? type.ToString().ToLowerInvariant() : $"{type.ToString().ToLowerInvariant()}:{index}";

            public static implicit operator Device(string description) => new Device(description);
        }

        /// <summary>The CPU, the only device of this binding.</summary>
        public static Device CPU = new Device(DeviceType.CPU, -1);

        public static Device device(string description) => ValidateDevice(new Device(description))!;

        public static Device device(DeviceType deviceType, int index = -1) => ValidateDevice(new Device(deviceType, index))!;

        /// <summary>Accepts null or a CPU device; anything else is refused with a clear message.</summary>
        internal static Device? ValidateDevice(Device? device)
        {
            if (device is not null && device.type != DeviceType.CPU)
                throw new NotSupportedException($"Device '{device}' is not available: this TorchSharp binding runs on the CPU only.");
            return device;
        }

        internal static void ValidateDevice(DeviceType deviceType) => ValidateDevice(new Device(deviceType));
    }
}
