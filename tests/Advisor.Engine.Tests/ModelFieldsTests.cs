using System.Linq;
using DeployAdvisor.Engine.Binding;
using DeployAdvisor.Engine.Loading;
using DeployAdvisor.Engine.Model;

namespace DeployAdvisor.Engine.Tests;

/// <summary>
/// The 0.2 fields (issue 19 item 1): windows.image, host.privileged, host.hostAccess, host.devices (a
/// set), deployment.hosts and artifacts bind from YAML and from a flat source, with the spec's defaults,
/// and each bad value is a DA0002 naming its field where it is written.
/// </summary>
public class ModelFieldsTests
{
    private static LoadedFile Load(string spec) => DescriptorLoader.LoadText("w.yaml", TestWorkloads.Spec(spec));

    [Fact]
    public void The_new_fields_bind_with_their_values()
    {
        var w = TestWorkloads.Document(TestWorkloads.Spec(
            "interface: headless\nos: windows\nwindows:\n  image: servercore\nsecurity:\n  sensitivity: internal\n" +
            "host:\n  privileged: true\n  hostAccess: true\n  devices: [gpu, usb]\ndeployment:\n  hosts: dedicated\n" +
            "artifacts:\n  - ../deploy/payments.yaml\n  - \"../src/**/Dockerfile\"")).Workload!;
        Assert.True(w.HasWindows);
        Assert.Equal(WindowsImage.ServerCore, w.WindowsImage);
        Assert.True(w.Privileged);
        Assert.True(w.HostAccess);
        Assert.Equal(new[] { Device.Gpu, Device.Usb }, w.Devices);
        Assert.Equal(HostTenancy.Dedicated, w.Hosts);
        Assert.Equal(new[] { "../deploy/payments.yaml", "../src/**/Dockerfile" }, w.Artifacts);
        Assert.Equal("gpu, usb", w.Get(Fields.Devices).ToString());
        Assert.Equal("servercore", w.Get(Fields.WindowsImage).ToString());
        Assert.Equal("dedicated", w.Get(Fields.Hosts).ToString());
    }

    [Fact]
    public void Absent_fields_take_the_spec_defaults()
    {
        var w = TestWorkloads.Document(TestWorkloads.Spec("interface: web\nsecurity:\n  sensitivity: public")).Workload!;
        Assert.False(w.HasWindows);
        Assert.Equal(WindowsImage.NanoServer, w.WindowsImage);
        Assert.False(w.Privileged);
        Assert.False(w.HostAccess);
        Assert.Empty(w.Devices);
        Assert.Equal(HostTenancy.Shared, w.Hosts);
        Assert.Empty(w.Artifacts);
        Assert.Equal(ValueKind.Set, w.Get(Fields.Devices).Kind);
        Assert.Equal("none", w.Get(Fields.Devices).ToString());
    }

    [Fact]
    public void An_empty_device_set_is_a_set()
    {
        var w = TestWorkloads.Document(TestWorkloads.Spec("interface: web\nsecurity:\n  sensitivity: public\nhost:\n  devices: []")).Workload!;
        Assert.Empty(w.Devices);
    }

    [Theory]
    [InlineData("host:\n  devices: [gpu, fpga, gpu]", "spec.host.devices", 10, 26, "spec.host.devices lists 'gpu' twice")]
    [InlineData("host:\n  devices:\n    - gpu\n    - gpu", "spec.host.devices", 12, 9, "spec.host.devices lists 'gpu' twice")]
    [InlineData("host:\n  devices: [gpux]", "spec.host.devices", 10, 15, "spec.host.devices[0] must be one of gpu, fpga, usb; 'gpux' is not (did you mean 'gpu'?)")]
    [InlineData("host:\n  devices: gpu", "spec.host.devices", 10, 14, "spec.host.devices must be a sequence of values from gpu, fpga, usb, not the string 'gpu'")]
    [InlineData("host:\n  devices: [gpu, [fpga]]", "spec.host.devices", 10, 20, "spec.host.devices[1] must be one of gpu, fpga, usb, not a sequence")]
    [InlineData("host:\n  devices: [gpu, ~]", "spec.host.devices", 10, 20, "spec.host.devices[1] is empty")]
    [InlineData("host:\n  privileged: yes", "spec.host.privileged", 10, 17, "spec.host.privileged must be true or false, not the string 'yes'")]
    [InlineData("host:\n  hostAccess: 1", "spec.host.hostAccess", 10, 17, "spec.host.hostAccess must be true or false, not the integer 1")]
    [InlineData("deployment:\n  hosts: dedicatd", "spec.deployment.hosts", 10, 12, "spec.deployment.hosts must be one of shared, dedicated; 'dedicatd' is not (did you mean 'dedicated'?)")]
    [InlineData("os: windows\nwindows:\n  image: servercor", "spec.windows.image", 11, 12, "spec.windows.image must be one of nanoserver, servercore, server; 'servercor' is not (did you mean 'servercore'?)")]
    [InlineData("os: windows\nwindows: servercore", "spec.windows", 10, 12, "spec.windows must be a mapping")]
    [InlineData("artifacts: ../deploy.yaml", "spec.artifacts", 9, 14, "spec.artifacts must be a sequence of strings, not the string '../deploy.yaml'")]
    [InlineData("artifacts: [1]", "spec.artifacts", 9, 15, "spec.artifacts[0] must be a string, not the integer 1")]
    public void Each_bad_value_is_a_DA0002_naming_its_field_where_it_is_written(string extra, string field, int line, int column, string message)
    {
        var file = Load("interface: web\nsecurity:\n  sensitivity: public\n" + extra);
        var doc = Assert.Single(file.Documents);
        Assert.Null(doc.Workload);
        var finding = Assert.Single(doc.Findings);
        Assert.Equal("DA0002", finding.RuleId);
        Assert.Contains(message, finding.Message);
        Assert.Contains(field, finding.Message);
        Assert.Equal((line, column), (finding.Location!.Span.Line, finding.Location.Span.Column));
    }

    [Fact]
    public void A_flat_source_binds_sequences_item_by_item()
    {
        var source = new FlatFieldSource("attribute")
            .Add(Fields.Name, SourceValue.String("gpu-job"), "arg0")
            .Add(Fields.Interface, SourceValue.Member("Headless"), "arg1")
            .Add(Fields.Sensitivity, SourceValue.Member("Internal"), "arg2")
            .AddList(Fields.Devices, new[] { (SourceValue.Member("Gpu"), (object?)"Devices.Gpu"), (SourceValue.Member("Fpga"), "Devices.Fpga") }, "Devices")
            .Add(Fields.Hosts, SourceValue.Member("Dedicated"), "Hosts")
            .Add(Fields.Os, SourceValue.Member("Windows"), "Os")
            .Add(Fields.WindowsImage, SourceValue.Member("ServerCore"), "WindowsImage");
        var result = WorkloadBinder.Bind(source, "attribute");
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { Device.Gpu, Device.Fpga }, result.Workload!.Devices);
        Assert.Equal(HostTenancy.Dedicated, result.Workload.Hosts);
        Assert.Equal(WindowsImage.ServerCore, result.Workload.WindowsImage);

        var duplicate = new FlatFieldSource("attribute")
            .Add(Fields.Name, SourceValue.String("gpu-job"), "arg0")
            .Add(Fields.Interface, SourceValue.Member("Headless"), "arg1")
            .Add(Fields.Sensitivity, SourceValue.Member("Internal"), "arg2")
            .AddList(Fields.Devices, new[] { (SourceValue.Member("Gpu"), (object?)"first"), (SourceValue.Member("Gpu"), "second") }, "Devices");
        var error = Assert.Single(WorkloadBinder.Bind(duplicate, "attribute").Errors);
        Assert.Equal(Fields.Devices, error.Field);
        Assert.Equal("second", error.Location);
    }

    [Fact]
    public void A_bad_new_field_does_not_stop_the_other_documents()
    {
        var good = TestWorkloads.Spec("interface: web\nsecurity:\n  sensitivity: public\nhost:\n  devices: [gpu]", "good");
        var bad = TestWorkloads.Spec("interface: web\nsecurity:\n  sensitivity: public\nhost:\n  devices: [gpu, gpu]", "bad");
        var file = DescriptorLoader.LoadText("w.yaml", bad + "---\n" + good);
        Assert.Equal(2, file.Documents.Count);
        Assert.Null(file.Documents[0].Workload);
        Assert.NotNull(file.Documents[1].Workload);
        Assert.Equal(new[] { Device.Gpu }, file.Documents[1].Workload!.Devices);
    }
}
