/// The page's files, embedded in the binary at build time (`Page/`): the workbench loads nothing else.
enum PageAssets {
    static var html: [UInt8] { PackageResources.index_html }
    static var script: [UInt8] { PackageResources.app_js }
    static var style: [UInt8] { PackageResources.app_css }
}
