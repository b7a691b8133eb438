// Opens the nexus-v3 reference platform and prints the prod Deployment of the API.
// Run from the repository root, after building the runnable jar (README, first command):
//   jshell --class-path examples/target/nexus-v3.jar examples/jshell/nexus.jsh
// Leave out the last line (/exit) of a copy of this script to stay in JShell and explore.
import dev.keelson.core.*;
import io.fabric8.kubernetes.api.model.apps.Deployment;

var platform = dev.keelson.examples.NexusV3.platform();
var prod = Keelson.synth(platform).manifest("prod");
System.out.println(prod.size() + " objects in " + prod.namespace());
System.out.print(Manifest.toYaml(prod.get(Deployment.class, "api").orElseThrow()));
/exit
