import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * One node of a several-node cluster per JVM, so that scripts/search-cluster can kill one node
 * like a crashed machine while the others keep serving.
 *
 * <p>The runner's build() reads its usual options (-basePath, -numOfNode N, -baseHttpPort, ...)
 * and calls execute(id) for ids 1..N; here execute starts only the node named by the system
 * property rencontres.search.node, with that node's paths, name and HTTP port as the runner
 * gives them. -numOfNode stays N so that no node thinks it is alone (single-node discovery).
 *
 * <p>Compiled by scripts/search-cluster with the chosen Java's javac into the runner's target
 * directory; the main loop is the runner's own.
 */
public class OneNode extends OpenSearchRunner {

    private final int node = Integer.getInteger("rencontres.search.node", 1);

    @Override
    protected void execute(final int id) {
        if (id == node) {
            super.execute(id);
        }
    }

    public static void main(final String[] args) {
        try (final OneNode runner = new OneNode()) {
            Runtime.getRuntime().addShutdownHook(new Thread() {
                @Override
                public void run() {
                    try {
                        runner.close();
                    } catch (final java.io.IOException e) {
                        runner.print(e.getLocalizedMessage());
                    }
                }
            });

            runner.build(args);

            while (!runner.isClosed()) {
                Thread.sleep(5000);
            }
        } catch (final Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
    }
}
