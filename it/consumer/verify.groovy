// Runs after the consumer's own `mvn verify` passed (the maven-invoker-plugin fails the outer build
// when that build fails, or when this script throws). Checks what a passing build could still hide.

def reports = new File(basedir, 'target/surefire-reports').listFiles()?.findAll { it.name.endsWith('.xml') } ?: []
int tests = 0, failed = 0
reports.each { report ->
    def suite = (report.text =~ /<testsuite\b[^>]*>/)[0]
    tests += ((suite =~ /\btests="(\d+)"/)[0][1]) as int
    failed += ((suite =~ /\bfailures="(\d+)"/)[0][1]) as int
    failed += ((suite =~ /\berrors="(\d+)"/)[0][1]) as int
}
assert tests > 0 : "the consumer build ran no tests (an old Surefire does not run JUnit 5 tests); reports: ${reports*.name}"
assert failed == 0 : "the consumer build had $failed failing tests"
println "consumer: $tests tests ran"

def jar = new File(basedir, 'target/shop-platform.jar')
assert jar.isFile() : "no runnable jar at $jar"
def java = new File(System.getProperty('java.home'), 'bin/java').path

def run = { List<String> args ->
    def process = new ProcessBuilder([java] + args).directory(basedir).redirectErrorStream(true).start()
    def out = process.inputStream.text
    int code = process.waitFor()
    println "\$ java ${args.join(' ')}  -> exit $code\n$out"
    [code, out]
}

def (synth, synthOut) = run(['-jar', jar.path, 'synth', '--out', 'target/dist'])
assert synth == 0 : "java -jar shop-platform.jar synth exited with $synth:\n$synthOut"
['dev', 'prod'].each { env ->
    def namespace = new File(basedir, "target/dist/$env/00-namespace.yaml")
    assert namespace.isFile() : "synth wrote no $namespace"
    assert namespace.text.contains("name: shop-$env") : "unexpected $namespace:\n${namespace.text}"
}

def (check, checkOut) = run(['-jar', jar.path, 'check'])
assert check == 0 : "java -jar shop-platform.jar check exited with $check:\n$checkOut"

// keelson-apply's commands are in the same jar (fabric8's services merged by the shade plugin)
def (help, helpOut) = run(['-cp', jar.path, 'com.example.shop.ShopCluster', '--help'])
assert help == 0 && helpOut.contains('apply') : "ShopCluster --help exited with $help:\n$helpOut"
true
