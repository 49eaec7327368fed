extension SiteRenderer {
    /// The rows of each page of a list of `count` rows, ``Options/paginate`` to a page; an empty list still has its
    /// one (empty) page.
    func pageRanges(_ count: Int) -> [Range<Int>] {
        let size = options.paginate > 0 ? options.paginate : max(count, 1)
        return stride(from: 0, to: max(count, 1), by: size).map { $0..<min($0 + size, count) }
    }

    /// Page `number` of the `count` pages of the list whose first page is `first`: links to the previous and next
    /// pages, to the first and last, and to the two on either side of this one, as Hugo's default pager shows them.
    func pager(_ number: Int, of count: Int, first: String) -> Pager {
        let path = SitePaths.listPage(number, of: first)
        let root = SitePaths.root(of: path)
        func href(_ page: Int) -> String { root + SitePaths.listPage(page, of: first) }
        let shown = (1...count).filter { $0 == 1 || $0 == count || abs($0 - number) <= 2 }
        return Pager(
            path: path, number: number, count: count, isFirst: number == 1, hasPages: count > 1,
            label: "Page \(number) of \(count)", first: href(1), previous: number > 1 ? href(number - 1) : nil,
            next: number < count ? href(number + 1) : nil,
            links: shown.enumerated().map { index, page in
                PagerLink(
                    href: href(page), number: page, isCurrent: page == number,
                    afterGap: index > 0 && page - shown[index - 1] > 1)
            })
    }
}
