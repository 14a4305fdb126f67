print("benchmarks: TBD")
